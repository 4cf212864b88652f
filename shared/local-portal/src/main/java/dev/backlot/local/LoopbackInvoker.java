package dev.backlot.local;

import com.google.cloud.functions.invoker.HttpFunctionExecutor;
import com.google.cloud.functions.invoker.http.TimeoutHandler;
import java.net.InetAddress;
import org.eclipse.jetty.http.MultiPartConfig;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A plugin's process on this machine: the Functions Framework invoker's server, set up as its
 * {@code Invoker.startServer} sets it up (2.0: the function's executor, a request timeout from
 * {@code CLOUD_RUN_TIMEOUT_SECONDS}, multipart bodies parsed ahead, error bodies suppressed), but
 * listening on loopback only. {@code Invoker} listens on every interface, right in a Cloud Run
 * container (whose image still runs it) and on a developer's machine an open door to every
 * plugin, and has no option to listen elsewhere. Here only the gateway calls a plugin, over
 * loopback. Arguments as the invoker's: {@code --target <HttpFunction class> --port <port>}.
 */
public final class LoopbackInvoker {
  private LoopbackInvoker() {}

  public static void main(String[] args) throws Exception {
    String target = null;
    int port = -1;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--target" -> target = args[i + 1];
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "; usage: LoopbackInvoker --target CLASS --port PORT");
      }
    }
    if (target == null || port < 0) {
      throw new IllegalArgumentException("usage: LoopbackInvoker --target CLASS --port PORT");
    }
    startPluginEarly(target);
    Server server = new Server(new QueuedThreadPool(1024));
    server.setErrorHandler(new NoErrorBody());
    ServerConnector connector = new ServerConnector(server);
    connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
    connector.setPort(port);
    connector.setReuseAddress(true);
    server.addConnector(connector);
    Handler function = HttpFunctionExecutor.forClass(Class.forName(target));
    String timeout = System.getenv("CLOUD_RUN_TIMEOUT_SECONDS");
    server.setHandler(timeout == null ? function : new TimeoutHandler(Integer.parseInt(timeout), function));
    server.insertHandler(new EagerContentHandler(new EagerContentHandler.MultiPartContentLoaderFactory(
        new MultiPartConfig.Builder().maxMemoryPartSize(-1).build())));
    server.start();
    server.join();
  }

  /**
   * What the image's {@code FunctionMain} does before it runs the invoker. Through reflection:
   * this class is on every function's class path, and the bare hello-world's has no platform.
   */
  private static void startPluginEarly(String target) throws ReflectiveOperationException {
    try {
      Class.forName("dev.backlot.platform.FunctionMain").getMethod("startEarly", String.class).invoke(null, target);
    } catch (ClassNotFoundException notAPlugin) {
      // Only the invoker runs.
    }
  }

  /** An error answers with its status alone, as the invoker's do. */
  static final class NoErrorBody extends ErrorHandler {
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback) {
      callback.succeeded();
    }
  }
}
