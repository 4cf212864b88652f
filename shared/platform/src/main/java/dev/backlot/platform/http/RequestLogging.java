package dev.backlot.platform.http;

import dev.backlot.platform.logging.RequestLog;

/** The outermost filter: binds the request's trace and logs one line once the answer is written. */
final class RequestLogging implements Filter {
  @Override
  public Response filter(Request request, Chain chain) throws Exception {
    RequestLog log = RequestLog.start(request.raw());
    try {
      return chain.proceed(request).afterWriting(log::finish);
    } catch (Exception | Error e) {
      log.finish(500);
      throw e;
    }
  }
}
