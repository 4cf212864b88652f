package dev.backlot.proxy.forwarding;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;

/** The caller's request body on its way to the target, sent once, as it arrives ({@link Relay}). */
final class StreamedBody extends AbstractHttpEntity {
  private final InputStream body;
  private final long length;

  StreamedBody(InputStream body, long length, ContentType type) {
    super(type, null, length < 0);
    this.body = body;
    this.length = length;
  }

  @Override
  public long getContentLength() {
    return length;
  }

  @Override
  public InputStream getContent() {
    return body;
  }

  @Override
  public boolean isStreaming() {
    return true;
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    try (body) {
      Relay.copy(body, out);
    }
  }

  @Override
  public void close() throws IOException {
    body.close();
  }
}
