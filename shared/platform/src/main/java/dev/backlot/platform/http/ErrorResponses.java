package dev.backlot.platform.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns what the inner filters and the handler throw into Backstage's error shape. Anything but
 * an {@link HttpError} is a 500 whose body names no internals: the stack trace goes to the log.
 */
final class ErrorResponses implements Filter {
  private static final Logger LOG = Logger.getLogger(Router.class.getName());

  @Override
  public Response filter(Request request, Chain chain) {
    try {
      return chain.proceed(request);
    } catch (HttpError e) {
      return of(e, request);
    } catch (Exception | StackOverflowError e) {
      LOG.log(Level.SEVERE, "Unhandled error on " + request.method() + " " + request.raw().getPath(), e);
      return of(new HttpError(500, "Error", "Internal server error"), request);
    }
  }

  static Response of(HttpError error, Request request) {
    ObjectNode body = Json.object();
    body.putObject("error").put("name", error.name()).put("message", error.getMessage());
    body.putObject("request").put("method", request.method()).put("url", request.url());
    body.putObject("response").put("statusCode", error.status());
    Response response = Response.json(error.status(), body);
    for (var header : error.headers().entrySet()) {
      response = response.withHeader(header.getKey(), header.getValue());
    }
    return response;
  }
}
