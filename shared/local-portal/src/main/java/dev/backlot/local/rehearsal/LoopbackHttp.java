package dev.backlot.local.rehearsal;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/** How every stand-in serves HTTP: on a free loopback port, one virtual thread a request. */
final class LoopbackHttp {
  private LoopbackHttp() {}

  /** A started server sending every request to {@code handler}. */
  static HttpServer serve(HttpHandler handler) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.createContext("/", handler);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
    return server;
  }
}
