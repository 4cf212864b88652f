package dev.backlot.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import dev.backlot.testing.TestTokens;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpResponse.BodyHandlers;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bodies cross the proxy as they arrive, both ways: the proof is a conversation that only a
 * streaming proxy can finish, where one side waits for the other to see its first bytes before
 * sending the rest (a buffering proxy would wait for the whole body and never deliver them).
 */
class StreamingTest {
  private static final int MIB = 1024 * 1024;
  /** How long a side waits for the other; a buffering proxy makes this expire and the test fail. */
  private static final long PATIENCE_SECONDS = 30;
  private static TargetServer target;
  private static RunningProxy proxy;

  @BeforeAll
  static void start() throws Exception {
    target = TargetServer.start();
    proxy = RunningProxy.start(Map.of("proxy", Map.of("endpoints", Map.of(
        "/files", Map.of("target", target.url(), "internal", true, "maxRequestBytes", 64 * MIB)))));
  }

  @AfterAll
  static void stop() throws Exception {
    proxy.close();
    target.close();
  }

  @Test
  void theTargetReadsTheFirstBytesBeforeTheClientHasSentTheRest() throws Exception {
    CountDownLatch targetGotFirstBytes = new CountDownLatch(1);
    target.answerWith(exchange -> {
      InputStream body = exchange.getRequestBody();
      // read, not readNBytes: the JDK server's chunked stream would wait for the next chunk's header.
      byte[] buffer = new byte[64 * 1024];
      int first = 0;
      for (int n; first < 64 * 1024 && (n = body.read(buffer, 0, 64 * 1024 - first)) > 0; ) {
        first += n;
      }
      targetGotFirstBytes.countDown();
      long rest = body.transferTo(OutputStream.nullOutputStream());
      byte[] answer = ("first " + first + " then " + rest).getBytes();
      exchange.sendResponseHeaders(200, answer.length);
      exchange.getResponseBody().write(answer);
    });
    // A socket of its own: the JDK client holds the last buffer it read until the next read returns.
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.uri("/").getPort())) {
      socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS * 2));
      OutputStream out = socket.getOutputStream();
      out.write(("POST /api/proxy/files/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + TestTokens.authorization()
          + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      chunk(out, 64 * 1024);
      // The rest only once the target has the first 64 KiB: a buffering proxy would still be waiting for it.
      assertTrue(targetGotFirstBytes.await(PATIENCE_SECONDS, TimeUnit.SECONDS), "the target saw the first bytes while the client was sending");
      for (int i = 0; i < 4; i++) {
        chunk(out, MIB);
      }
      out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
      assertTrue(answer.endsWith("first 65536 then " + 4 * MIB), answer);
    }
  }

  private static void chunk(OutputStream out, int size) throws IOException {
    out.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.write(new byte[size]);
    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  @Test
  void theClientReadsTheFirstBytesBeforeTheTargetHasSentTheRest() throws Exception {
    CountDownLatch clientGotFirstBytes = new CountDownLatch(1);
    target.answerWith(exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      out.write(new byte[64 * 1024]);
      out.flush();
      try {
        if (!clientGotFirstBytes.await(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
          return; // A buffering proxy: the client's assertion below fails.
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      out.write(new byte[MIB]);
    });
    var response = proxy.http.send(proxy.signedIn("/api/proxy/files/download").build(), BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      byte[] first = body.readNBytes(64 * 1024);
      assertEquals(64 * 1024, first.length);
      clientGotFirstBytes.countDown();
      assertEquals(MIB, body.transferTo(OutputStream.nullOutputStream()), "the rest arrives after the client read the start");
    }
  }

  @Test
  void fiftyMebibytesCrossUnchangedBothWays() throws Exception {
    MessageDigest sent = MessageDigest.getInstance("SHA-256");
    target.answerWith(exchange -> {
      MessageDigest received = sha256();
      try (InputStream body = exchange.getRequestBody()) {
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = body.read(buffer)) > 0; ) {
          received.update(buffer, 0, n);
        }
      }
      byte[] answer = HexFormat.of().formatHex(received.digest()).getBytes();
      exchange.sendResponseHeaders(200, answer.length);
      exchange.getResponseBody().write(answer);
    });
    byte[] chunk = new byte[MIB];
    new java.util.Random(7).nextBytes(chunk);
    for (int i = 0; i < 50; i++) {
      sent.update(chunk);
    }
    InputStream fifty = new InputStream() {
      private long left = 50L * MIB;

      @Override
      public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) {
        if (left == 0) {
          return -1;
        }
        int at = (int) ((50L * MIB - left) % MIB);
        int n = (int) Math.min(Math.min(length, left), MIB - at);
        System.arraycopy(chunk, at, buffer, offset, n);
        left -= n;
        return n;
      }
    };
    var response = proxy.send(proxy.signedIn("/api/proxy/files/big").POST(BodyPublishers.ofInputStream(() -> fifty)));
    assertEquals(200, response.statusCode(), response.body());
    assertEquals(HexFormat.of().formatHex(sent.digest()), response.body());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
