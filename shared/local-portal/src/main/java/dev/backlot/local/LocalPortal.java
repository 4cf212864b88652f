package dev.backlot.local;

import dev.backlot.local.oidc.LocalOidcProvider;
import dev.backlot.platform.auth.ServiceTokens;
import dev.backlot.platform.manifest.PluginManifest;
import dev.backlot.platform.manifest.PluginManifests;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the whole portal on one machine: every plugin in {@code functions/} as its own process
 * under the Functions Framework invoker, started by its first request, the gateway on port 7007
 * routing by the manifests, and the shell on port 3000 when it is built, all on loopback unless
 * told otherwise ({@code --host}). Nothing here knows any plugin by name.
 */
public final class LocalPortal implements AutoCloseable {
  private final List<OnDemandFunction> functions;
  private final Gateway gateway;
  private final LocalShell shell;
  private final LocalScheduler scheduler;
  private final LocalKeys keys;

  private LocalPortal(List<OnDemandFunction> functions, Gateway gateway, LocalShell shell, LocalScheduler scheduler, LocalKeys keys) {
    this.functions = functions;
    this.gateway = gateway;
    this.shell = shell;
    this.scheduler = scheduler;
    this.keys = keys;
  }

  /**
   * Options as given on the command line.
   *
   * @param host where the gateway, the shell and the OIDC provider listen: loopback (127.0.0.1, the
   *     default), or every interface (0.0.0.0 or ::) when the browser is elsewhere, say outside a
   *     container whose ports are published; the plugins listen on loopback whatever it is, as only
   *     the gateway calls them
   */
  public record Options(Path root, String host, int port, int shellPort, int providerPort, boolean aot) {
    public static final String LOOPBACK = "127.0.0.1";
    private static final String USAGE =
        "usage: LocalPortal [--root DIR] [--host 127.0.0.1|0.0.0.0|::] [--port 7007] [--shell-port 3000] [--oidc-port 7443] [--no-aot]";

    public Options {
      // The portal reaches its own servers on loopback: an address loopback does not reach would cut it off from them.
      InetAddress address = addressOf(host);
      if (!address.isLoopbackAddress() && !address.isAnyLocalAddress()) {
        throw new IllegalArgumentException("--host " + host + " is neither loopback nor every interface (0.0.0.0 or ::); " + USAGE);
      }
    }

    Options(Path root, int port, int shellPort, boolean aot) {
      this(root, LOOPBACK, port, shellPort, 7443, aot);
    }

    static Options parse(String[] args) {
      Path root = null;
      String host = LOOPBACK;
      int port = 7007;
      int shellPort = 3000;
      int providerPort = 7443;
      boolean aot = true;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--root" -> root = Path.of(args[++i]);
          case "--host" -> host = args[++i];
          case "--port" -> port = Integer.parseInt(args[++i]);
          case "--shell-port" -> shellPort = Integer.parseInt(args[++i]);
          case "--oidc-port" -> providerPort = Integer.parseInt(args[++i]);
          case "--no-aot" -> aot = false;
          default -> throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
        }
      }
      return new Options(root != null ? root : findRoot(Path.of("").toAbsolutePath()), host, port, shellPort, providerPort, aot);
    }

    private static InetAddress addressOf(String host) {
      try {
        return InetAddress.getByName(host);
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("--host " + host + " is no address; " + USAGE, e);
      }
    }
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    LocalPortal portal = start(options, System.out);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("Stopping Backlot…");
      portal.close();
      stopped.countDown();
    }));
    stopped.await();
  }

  public static LocalPortal start(Options options, PrintStream out) throws IOException, InterruptedException {
    return start(options, out, null);
  }

  /**
   * As {@link #start(Options, PrintStream)}, signing in against {@code identityProvider} when it is
   * not null: one already running, as Okta always is, which the portal leaves running.
   */
  public static LocalPortal start(Options options, PrintStream out, LocalOidcProvider identityProvider)
      throws IOException, InterruptedException {
    Path root = options.root().toAbsolutePath();
    Path functionsDir = root.resolve("functions");
    List<PluginManifest> manifests = PluginManifests.load(functionsDir);
    LocalKeys keys = LocalKeys.in(root.resolve(".backlot/auth"));
    // The shell signs user tokens and publishes their keys; without a built shell the gateway
    // publishes the same key, so ./backlot token works either way. The gateway starts first, so
    // functions know where the keys are.
    boolean withShell = LocalShell.isBuilt(root);
    Gateway gateway = new Gateway(new InetSocketAddress(options.host(), options.port()), Map.of());
    if (!withShell) {
      gateway.publishingKeys(keys.publishedKeys());
    }
    gateway.start();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("BACKLOT_CONFIG_DIR", root.toString());
    env.put("BACKLOT_ENV", Optional.ofNullable(System.getenv("BACKLOT_ENV")).orElse("development"));
    env.putAll(keys.environment("http://127.0.0.1:" + (withShell ? options.shellPort() : gateway.port())));
    ServiceTokens serviceTokens = keys.serviceTokens("scheduler");
    FunctionLauncher launcher = new FunctionLauncher(root, env, out, serviceTokens::authorizationFor);

    // Each plugin starts on its first request, as in an environment whose services scale to zero;
    // the shell starts now, as the first hop.
    List<OnDemandFunction> functions = new ArrayList<>();
    for (PluginManifest manifest : manifests) {
      OnDemandFunction function = new OnDemandFunction(manifest.id(),
          () -> startFunction(launcher, functionsDir, root, manifest, options.aot()), out);
      gateway.route(manifest.routePrefix(), function::baseUrl);
      functions.add(function);
    }
    // The scheduler's first round starts the plugins it calls while the provider and the shell start.
    LocalScheduler scheduler = new LocalScheduler("http://127.0.0.1:" + gateway.port(), serviceTokens::authorizationFor, out);
    scheduler.schedule(manifests);
    LocalShell shell;
    try {
      shell = withShell ? LocalShell.start(root, options.host(), options.shellPort(), gateway.port(), options.providerPort(), identityProvider,
          keys, shellEnvironment(env, manifests), options.aot()) : null;
    } catch (RuntimeException e) {
      scheduler.close();
      functions.forEach(OnDemandFunction::close);
      gateway.close();
      throw new IllegalStateException("the shell failed to start: " + e.getMessage(), e);
    }

    out.println();
    out.println("Backlot is running. Ctrl-C stops it.");
    out.println("  gateway  http://localhost:" + gateway.port() + "/healthcheck");
    for (PluginManifest manifest : manifests) {
      out.println("  " + manifest.id() + "  http://localhost:" + gateway.port() + manifest.routePrefix() + "/healthcheck  (starts on its first request)");
    }
    if (shell != null) {
      out.println("  shell    http://localhost:" + options.shellPort() + "/  (sign in as a sample user; the provider "
          + shell.issuer() + " uses a local certificate your browser asks you to accept once)");
    } else {
      out.println("(no " + root.relativize(ShellLaunch.jar(root)) + ": the shell is not built, so only the gateway runs)");
    }
    out.println("  API calls need a token: curl -H \"Authorization: Bearer $(./backlot token)\" http://localhost:"
        + gateway.port() + "/api/...");
    return new LocalPortal(functions, gateway, shell, scheduler, keys);
  }

  /**
   * The functions' environment plus {@code BACKLOT_PLUGINS}, the plugins the shell fronts: the web
   * UI's sidebar links to exactly those launched here.
   */
  static Map<String, String> shellEnvironment(Map<String, String> env, List<PluginManifest> manifests) {
    Map<String, String> shellEnv = new LinkedHashMap<>(env);
    shellEnv.put("BACKLOT_PLUGINS", String.join(",", manifests.stream().map(PluginManifest::id).toList()));
    return shellEnv;
  }

  private static RunningFunction startFunction(
      FunctionLauncher launcher, Path functionsDir, Path root, PluginManifest manifest, boolean aot) {
    FunctionLauncher.Function function = new FunctionLauncher.Function(
        manifest.id(), manifest.entryPoint(), FunctionClasspath.of(functionsDir, manifest), "/healthcheck");
    if (!aot) {
      return launcher.start(function, JvmFlags.run(null));
    }
    return launcher.startWithAot(function, root.resolve(".backlot/aot"), List.of("/healthcheck", manifest.routePrefix() + manifest.smokeTest()));
  }

  /** The checkout at or above {@code from}: the first folder with functions/ and app-config.yaml. */
  public static Path findRoot(Path from) {
    for (Path dir = from; dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("functions")) && Files.isRegularFile(dir.resolve("app-config.yaml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("No Backlot checkout (a folder with functions/ and app-config.yaml) at or above " + from);
  }

  int gatewayPort() {
    return gateway.port();
  }

  /** The {@code Authorization} value of a user as the shell would sign them in. */
  String authorizationOf(String subject, String... ownership) {
    List<String> refs = new ArrayList<>(List.of(subject));
    refs.addAll(List.of(ownership));
    return "Bearer " + keys.userToken(subject, refs, java.time.Duration.ofHours(1));
  }

  /** The plugins' processes started so far. */
  List<RunningFunction> functions() {
    return functions.stream().flatMap(f -> f.running().stream()).toList();
  }

  @Override
  public void close() {
    scheduler.close();
    gateway.close();
    functions.parallelStream().forEach(OnDemandFunction::close);
    if (shell != null) {
      shell.close();
    }
  }
}
