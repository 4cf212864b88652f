package dev.backlot.local.bench;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;

/** The baseline of the cold-start benchmark: a bare Functions Framework function. */
public final class HelloWorldFunction implements HttpFunction {
  @Override
  public void service(HttpRequest request, HttpResponse response) throws Exception {
    response.setContentType("text/plain");
    response.getWriter().write("hello");
  }
}
