package dev.backlot.proxy.forwarding;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies a body as it arrives: whatever has been read is flushed before waiting for more, so the
 * other side gets the first bytes while the sender is still sending (the servers and the client
 * buffer writes, and would otherwise hold the tail of a burst until the next one).
 */
final class Relay {
  private static final int BUFFER_BYTES = 64 * 1024;

  private Relay() {}

  static long copy(InputStream in, OutputStream out) throws IOException {
    byte[] buffer = new byte[BUFFER_BYTES];
    long total = 0;
    for (int n; (n = in.read(buffer)) != -1; ) {
      out.write(buffer, 0, n);
      total += n;
      if (in.available() == 0) {
        out.flush();
      }
    }
    out.flush();
    return total;
  }
}
