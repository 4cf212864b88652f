package dev.backlot.${{ values.package }};

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;

/** ${{ values.description }}: an HTTP function on Cloud Run that scales to zero. */
public final class ${{ values.className }} implements HttpFunction {
  @Override
  public void service(HttpRequest request, HttpResponse response) throws Exception {
    if (request.getPath().endsWith("/healthcheck")) {
      response.setContentType("application/json");
      response.getWriter().write("{\"status\":\"ok\"}");
      return;
    }
    response.setStatusCode(404);
  }
}
