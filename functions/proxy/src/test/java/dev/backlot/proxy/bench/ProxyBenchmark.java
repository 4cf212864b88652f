package dev.backlot.proxy.bench;

import dev.backlot.proxy.RunningProxy;
import dev.backlot.proxy.TargetServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Arrays;
import java.util.Map;

/**
 * What the proxy adds: latency of a small GET straight to a loopback target and through the proxy
 * under the real invoker (token check included), p50 and p95 over many requests, and throughput
 * of 100 MiB streamed through it each way. Prints figures; asserts nothing.
 */
public final class ProxyBenchmark {
  private static final int MIB = 1024 * 1024;

  public static void main(String[] args) throws Exception {
    int requests = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    try (TargetServer target = TargetServer.start();
        RunningProxy proxy = RunningProxy.start(Map.of("proxy", Map.of("endpoints", Map.of(
            "/bench", Map.of("target", target.url(), "internal", true, "maxRequestBytes", 200 * MIB)))))) {
      byte[] small = "{\"ok\":true}".getBytes();
      target.answerWith(exchange -> {
        String path = exchange.getRequestURI().getPath();
        if (path.endsWith("/download")) {
          exchange.sendResponseHeaders(200, 100L * MIB);
          byte[] chunk = new byte[MIB];
          try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < 100; i++) {
              out.write(chunk);
            }
          }
          return;
        }
        try (InputStream in = exchange.getRequestBody()) {
          in.transferTo(OutputStream.nullOutputStream());
        }
        exchange.sendResponseHeaders(200, small.length);
        exchange.getResponseBody().write(small);
      });
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest direct = HttpRequest.newBuilder(URI.create(target.url() + "/small")).build();
      HttpRequest proxied = proxy.signedIn("/api/proxy/bench/small").build();

      measure(http, direct, requests / 4);
      measure(http, proxied, requests / 4);
      long[] straight = measure(http, direct, requests);
      long[] through = measure(http, proxied, requests);
      System.out.printf("small GET, %d requests each, one at a time:%n", requests);
      System.out.printf("  direct  p50 %.3f ms  p95 %.3f ms%n", ms(straight, 50), ms(straight, 95));
      System.out.printf("  proxied p50 %.3f ms  p95 %.3f ms%n", ms(through, 50), ms(through, 95));
      System.out.printf("  added   p50 %.3f ms  p95 %.3f ms%n", ms(through, 50) - ms(straight, 50), ms(through, 95) - ms(straight, 95));

      for (int round = 0; round < 3; round++) {
        long start = System.nanoTime();
        var down = http.send(proxy.signedIn("/api/proxy/bench/download").build(), BodyHandlers.ofInputStream());
        long bytes;
        try (InputStream body = down.body()) {
          bytes = body.transferTo(OutputStream.nullOutputStream());
        }
        double downSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        var up = http.send(proxy.signedIn("/api/proxy/bench/upload")
            .POST(BodyPublishers.ofInputStream(() -> new ZeroStream(100L * MIB))).build(), BodyHandlers.discarding());
        double upSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("100 MiB round %d: download %d bytes in %.2f s (%.0f MiB/s), upload status %d in %.2f s (%.0f MiB/s)%n",
            round + 1, bytes, downSeconds, 100 / downSeconds, up.statusCode(), upSeconds, 100 / upSeconds);
      }
      Runtime runtime = Runtime.getRuntime();
      System.out.printf("heap: max %d MiB, used now %d MiB%n", runtime.maxMemory() / MIB, (runtime.totalMemory() - runtime.freeMemory()) / MIB);
    }
    System.exit(0);
  }

  private static long[] measure(HttpClient http, HttpRequest request, int times) throws Exception {
    long[] nanos = new long[times];
    for (int i = 0; i < times; i++) {
      long start = System.nanoTime();
      var response = http.send(request, BodyHandlers.ofByteArray());
      nanos[i] = System.nanoTime() - start;
      if (response.statusCode() != 200) {
        throw new IllegalStateException("status " + response.statusCode() + ": " + new String(response.body()));
      }
    }
    Arrays.sort(nanos);
    return nanos;
  }

  private static double ms(long[] sorted, int percentile) {
    return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1e6;
  }

  /** {@code size} zero bytes, made as they are read. */
  private static final class ZeroStream extends InputStream {
    private long left;

    ZeroStream(long size) {
      this.left = size;
    }

    @Override
    public int read() {
      return left-- > 0 ? 0 : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (left <= 0) {
        return -1;
      }
      int n = (int) Math.min(length, left);
      Arrays.fill(buffer, offset, offset + n, (byte) 0);
      left -= n;
      return n;
    }
  }
}
