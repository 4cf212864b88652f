package dev.backlot.apidocs.bench;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.google.cloud.functions.invoker.runner.Invoker;
import dev.backlot.apidocs.LocalApiDocs;
import dev.backlot.platform.config.Config;
import dev.backlot.testing.TestTokens;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * api-docs in a process of its own, as Cloud Run runs it (the image's JVM flags, a heap of a quarter
 * of the manifest's 1 GiB), on the local portal's storage, so the benchmark reads the plugin's own
 * peak RSS and not the client's. {@link #main} is the child; {@link #start} the parent's handle.
 */
public final class ServedApiDocs implements AutoCloseable {
  /** functions/image/jvm.args, and the heap Cloud Run's 1 GiB gives the JVM by default (25%). */
  static final List<String> JVM_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", "-XX:+ExitOnOutOfMemoryError",
      "-Xmx256m");
  static final String TOKEN = "bench-static-token";

  private final Process process;
  private final int port;

  private ServedApiDocs(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** What the invoker instantiates in the child: the plugin started by {@link #main}. */
  public static final class Served implements HttpFunction {
    static HttpFunction function;

    @Override
    public void service(HttpRequest request, HttpResponse response) throws Exception {
      function.service(request, response);
    }
  }

  /** Child: serves api-docs on port {@code args[0]} with its storage under {@code args[1]}, then says "ready". */
  public static void main(String[] args) throws Exception {
    dev.backlot.platform.logging.Logging.configure();
    Path dir = Path.of(args[1]);
    Served.function = LocalApiDocs.start(dir, Config.of(TestTokens.withAuth(Map.of(
        "backend", Map.of("baseUrl", "http://127.0.0.1:9", "auth",
            Map.of("externalAccess", List.of(Map.of("type", "static", "options", Map.of("token", TOKEN, "subject", "bench"))))),
        "blobStore", Map.of("folder", Map.of("path", dir.resolve("blobs").toString()))))));
    new Invoker(Integer.parseInt(args[0]), Served.class.getName(), "http", Served.class.getClassLoader()).startTestServer();
    System.out.println("ready");
    System.out.flush();
    // Until the parent closes our stdin.
    while (System.in.read() >= 0) {
      // nothing to do
    }
    System.exit(0);
  }

  /** Parent: starts the child and waits until it serves. */
  static ServedApiDocs start() throws IOException, InterruptedException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path dir = Files.createTempDirectory("api-docs-bench");
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
    command.addAll(JVM_FLAGS);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), ServedApiDocs.class.getName(), Integer.toString(port), dir.toString()));
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); !"ready".equals(line); line = out.readLine()) {
      if (line == null) {
        throw new IllegalStateException("api-docs exited before serving: " + process.waitFor());
      }
    }
    return new ServedApiDocs(process, port);
  }

  int port() {
    return port;
  }

  /** CPU time (user + system) the child has used so far, in ms: unlike wall time, barely moved by other work on the machine. */
  long cpuMillis() {
    return process.info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(-1L);
  }

  /** The child's peak resident set so far (VmHWM), in MiB. */
  double peakRssMib() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    return -1;
  }

  @Override
  public void close() throws Exception {
    process.getOutputStream().close();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroy();
    }
  }
}
