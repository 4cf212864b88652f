package dev.backlot.platform.http;

/**
 * Refuses a body whose declared length is over the route's limit before the handler runs, so
 * nothing is read; {@link Request#body()} keeps counting for bodies sent without a length.
 */
final class BodyLimits implements Filter {
  @Override
  public Response filter(Request request, Chain chain) throws Exception {
    long declared = request.raw().getContentLength();
    if (declared > request.route().maxBodyBytes()) {
      throw request.tooLarge();
    }
    return chain.proceed(request);
  }
}
