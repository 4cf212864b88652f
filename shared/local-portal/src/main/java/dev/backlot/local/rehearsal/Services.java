package dev.backlot.local.rehearsal;

import dev.backlot.local.oidc.LocalTls;
import dev.backlot.platform.manifest.PluginManifest;
import dev.backlot.platform.manifest.PluginManifests;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The deployment's Cloud Run services, running: an {@link Instance} of each (every function and the
 * shell, started at once) behind Cloud Run's front end ({@link CloudRunService}) at each of the
 * service's URLs, and the databases the functions make, all handed to {@code keep} to be closed.
 */
final class Services {
  private final Path root;
  private final Path dir;
  private final Consumer<AutoCloseable> keep;

  /** {@code keep} takes what is started, to close it when the rehearsal ends. */
  Services(Path root, Path dir, Consumer<AutoCloseable> keep) {
    this.root = root;
    this.dir = dir;
    this.keep = keep;
  }

  /**
   * Starts every service's instance at once and puts Cloud Run's front end before each; a service
   * that cannot start is reported, and its front end then answers 503, as Cloud Run does.
   */
  Journey.Step start(Deployment deployment, LocalTls tls, Map<String, EgressProxy> positions, String oktaIssuer,
      Map<String, String> secrets, GoogleAccounts accounts, Network network, Map<String, Path> shellMounts) throws IOException {
    byte[] run = new byte[4];
    new SecureRandom().nextBytes(run);
    String databasePrefix = "backlot_r" + HexFormat.of().formatHex(run) + "_";
    List<String> databases = new ArrayList<>();
    keep.accept(new RunDatabases(databases));
    Path functionConfig = ConfigFolder.forFunctions(root, dir.resolve("config/functions"), databasePrefix,
        Files.createDirectories(dir.resolve("docs-bucket")));
    Path shellConfig = ConfigFolder.forShell(root, dir.resolve("config/shell"), oktaIssuer);
    Map<String, PluginManifest> manifests = new LinkedHashMap<>();
    PluginManifests.load(root.resolve("functions")).forEach(m -> manifests.put(m.id(), m));

    Map<String, CompletableFuture<Instance>> starting = new LinkedHashMap<>();
    for (Deployment.Service service : deployment.services()) {
      Path work = Files.createDirectories(dir.resolve("instances").resolve(service.name()));
      if (service.plugin() == null) {
        List<String> flags = flags(positions.get("shell"), tls);
        starting.put(service.name(), CompletableFuture.supplyAsync(() -> Instance.shell(root, service.name(),
            Instance.containerEnvironment(service.name(), mounted(environment(deployment.shellEnvironment(), deployment.shellSecretEnvironment(),
                deployment.identity("shell"), deployment, secrets), shellMounts), shellConfig, work), flags, work),
            Thread::startVirtualThread));
      } else {
        String plugin = service.plugin();
        if (deployment.manifest(plugin).path("database").asBoolean()) {
          databases.add(databasePrefix + plugin.replace('-', '_'));
        }
        List<String> flags = flags(positions.get(plugin), tls);
        String memory = deployment.manifest(plugin).path("resources").path("memory").asText();
        starting.put(service.name(), CompletableFuture.supplyAsync(() -> Instance.function(root, manifests.get(plugin), service.name(), memory,
            Instance.containerEnvironment(service.name(), environment(deployment.pluginEnvironment(plugin), deployment.pluginSecretEnvironment(plugin),
                deployment.pluginAccounts().get(plugin), deployment, secrets), functionConfig, work), flags, work), Thread::startVirtualThread));
      }
    }
    List<String> details = new ArrayList<>();
    boolean allStarted = true;
    for (Deployment.Service service : deployment.services()) {
      String instanceUrl;
      try {
        Instance instance = keep(starting.get(service.name()).join());
        instanceUrl = instance.baseUrl();
        details.add(service.name() + " started (" + root.relativize(instance.log()) + ")");
      } catch (RuntimeException e) {
        allStarted = false;
        Throwable cause = e.getCause() == null ? e : e.getCause();
        details.add(service.name() + " did not start: " + firstCause(cause.getMessage()));
        details.add("  (" + root.relativize(dir.resolve("instances").resolve(service.name())) + "/ has its output)");
        instanceUrl = null;
      }
      CloudRunService frontEnd = keep(new CloudRunService(service.name(), service.urls(), service.invokers(), accounts, instanceUrl,
          deployment.requestTimeout()));
      service.urls().forEach(url -> network.serve(URI.create(url).getHost(), frontEnd.port()));
    }
    return new Journey.Step("every function and the shell start with the environment Terraform gives them", allStarted, details);
  }

  /** The root cause in a start-up failure's output: its last "Caused by:" line, else its first line. */
  static String firstCause(String output) {
    List<String> lines = output == null ? List.of() : output.lines().toList();
    String cause = null;
    for (String line : lines) {
      if (line.startsWith("Caused by: ")) {
        cause = line.substring("Caused by: ".length());
      }
    }
    return cause != null ? cause : lines.isEmpty() ? "(no output)" : lines.get(0);
  }

  /**
   * A service's environment as Cloud Run makes it: Terraform's variables, and those it reads from
   * Secret Manager as the service's account when an instance starts, which fails the start when
   * the account may not read one or it has no version.
   */
  private static Map<String, String> environment(Map<String, String> variables, Map<String, String> fromSecrets, String account,
      Deployment deployment, Map<String, String> secrets) {
    Map<String, String> env = new LinkedHashMap<>(variables);
    Map<String, List<String>> accessors = deployment.secretAccessors();
    fromSecrets.forEach((name, secret) -> {
      if (!accessors.getOrDefault(secret, List.of()).contains(account) || !secrets.containsKey(secret)) {
        throw new IllegalStateException("Cloud Run cannot read secret " + secret + " for " + name + " as " + account);
      }
      env.put(name, secrets.get(secret));
    });
    return env;
  }

  /**
   * The environment as the process sees its volumes: a value naming a mount path (or a path below
   * it) names the folder mounted there instead, as the container would see the mount at that path.
   */
  static Map<String, String> mounted(Map<String, String> env, Map<String, Path> mounts) {
    Map<String, String> seen = new LinkedHashMap<>(env);
    seen.replaceAll((name, value) -> {
      for (Map.Entry<String, Path> mount : mounts.entrySet()) {
        if (value.equals(mount.getKey()) || value.startsWith(mount.getKey() + "/")) {
          return mount.getValue() + value.substring(mount.getKey().length());
        }
      }
      return value;
    });
    return seen;
  }

  private static List<String> flags(EgressProxy position, LocalTls tls) {
    List<String> flags = new ArrayList<>(position.jvmFlags());
    flags.addAll(tls.trustingJvmFlags());
    return flags;
  }

  private <T extends AutoCloseable> T keep(T resource) {
    keep.accept(resource);
    return resource;
  }

  /** The run's databases (a new one per plugin, on the PostgreSQL standing in for Cloud SQL), dropped at the end. */
  private record RunDatabases(List<String> names) implements AutoCloseable {
    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    @Override
    public void close() {
      try (Connection connection = DriverManager.getConnection(POSTGRES); Statement statement = connection.createStatement()) {
        for (String database : names) {
          statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
      } catch (SQLException e) {
        System.err.println("rehearsal: could not drop the databases " + names + ": " + e.getMessage());
      }
    }
  }
}
