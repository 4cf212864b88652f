package dev.backlot.testing;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JWKS endpoint on loopback, standing in for the shell's keys or Google's: tests publish the
 * public keys they sign with, rotate them, and count how often verifiers fetch.
 */
public final class JwksServer implements AutoCloseable {
  public static final String PATH = "/.well-known/jwks.json";

  private final HttpServer server;
  private final AtomicInteger fetches = new AtomicInteger();
  private volatile JWKSet published = new JWKSet();
  private volatile CountDownLatch held;

  private JwksServer(HttpServer server) {
    this.server = server;
  }

  /** Starts serving {@code keys} (their public halves only). */
  public static JwksServer start(JWK... keys) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JwksServer jwks = new JwksServer(server);
    jwks.publish(keys);
    server.createContext(PATH, exchange -> {
      jwks.fetches.incrementAndGet();
      jwks.waitWhileHeld();
      byte[] body = jwks.published.toString(true).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    return jwks;
  }

  /** Replaces the published keys; publish old and new together to rotate without downtime. */
  public void publish(JWK... keys) {
    published = new JWKSet(List.of(keys)).toPublicJWKSet();
  }

  /** Until {@link #release()}, fetches arrive (and are counted) but get no answer: a slow or hanging JWKS host. */
  public void hold() {
    held = new CountDownLatch(1);
  }

  /** Answers the fetches {@link #hold()} kept waiting, and every one after. */
  public void release() {
    CountDownLatch gate = held;
    held = null;
    if (gate != null) {
      gate.countDown();
    }
  }

  private void waitWhileHeld() {
    CountDownLatch gate = held;
    if (gate != null) {
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
  }

  /** How many times the key set was fetched. */
  public int fetches() {
    return fetches.get();
  }

  @Override
  public void close() {
    release();
    server.stop(0);
  }
}
