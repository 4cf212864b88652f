package dev.backlot.platform.http;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.invoker.runner.Invoker;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A function served by the real Functions Framework invoker on a loopback port. */
final class RunningFunction implements AutoCloseable {
  private final Invoker invoker;
  private final int port;
  private final HttpClient client = HttpClient.newHttpClient();

  private RunningFunction(Invoker invoker, int port) {
    this.invoker = invoker;
    this.port = port;
  }

  static RunningFunction start(Class<? extends HttpFunction> function) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Invoker invoker = new Invoker(port, function.getName(), "http", function.getClassLoader());
    invoker.startTestServer();
    return new RunningFunction(invoker, port);
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port + pathAndQuery);
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(pathAndQuery)));
  }

  @Override
  public void close() throws Exception {
    invoker.stopServer();
  }
}
