package dev.backlot.platform.http;

/**
 * Work done around every route, as OkHttp's interceptors and Helidon's filters do it: request
 * logging, authentication, authorization, limits and error mapping live here, not in handlers.
 * A filter sees the matched route through {@link Request#route()} and either answers itself or
 * passes the request on.
 */
@FunctionalInterface
public interface Filter {
  Response filter(Request request, Chain chain) throws Exception;

  /** The rest of the filters, then the route's handler. */
  @FunctionalInterface
  interface Chain {
    Response proceed(Request request) throws Exception;
  }
}
