package dev.backlot.platform.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

/** A request body that throws the route's 413 once more than its limit has been read. */
final class LimitedBody extends FilterInputStream {
  private final long limit;
  private final Supplier<HttpError> tooLarge;
  private long read;

  LimitedBody(InputStream in, long limit, Supplier<HttpError> tooLarge) {
    super(in);
    this.limit = limit;
    this.tooLarge = tooLarge;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      counted(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      counted(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    counted(skipped);
    return skipped;
  }

  private void counted(long n) {
    read += n;
    if (read > limit) {
      throw tooLarge.get();
    }
  }
}
