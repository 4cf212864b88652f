package dev.backlot.local.rehearsal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.backlot.local.FunctionLauncher;
import dev.backlot.local.LocalPortal;
import dev.backlot.local.bench.Browser;
import dev.backlot.local.oidc.LocalOidcProvider;
import dev.backlot.local.oidc.LocalTls;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@code ./backlot rehearse}: the production topology on one machine. Every function and the shell
 * start with exactly the environment Terraform gives their Cloud Run services (terraform/rehearsal
 * evaluates modules/service-config, which modules/platform deploys from); only what only Google
 * Cloud has is stood in for: the metadata server of each service's account, Google's token keys,
 * Secret Manager (with Terraform's grants), Cloud Run's invoker check, API Gateway (configured by
 * the OpenAPI document Terraform renders), Cloud Scheduler, Cloud Tasks (Terraform's queues and
 * grants), Cloud Build's smoke-test step,
 * PostgreSQL for Cloud SQL, a folder for the bucket, Redis for Memorystore, an OIDC provider for
 * Okta and WireMock for GitHub.
 *
 * <p>Run addresses stay Google's: each process reaches run.app, gateway.dev and googleapis.com
 * names through its own {@link EgressProxy}, which ends TLS with a certificate only the
 * rehearsal's processes trust and hands the request to the local stand-in; so every URL and token
 * audience in the environment is byte for byte what Terraform computed, and a wrong one fails here
 * as it would in GCP. Rewriting the URLs to local ports instead would have changed the very
 * audiences the functions check.
 *
 * <p>Then it runs the {@link Journey} and exits non-zero when any step fails.
 */
public final class Rehearsal implements AutoCloseable {
  private final Path root;
  private final Path dir;
  private final PrintStream out;
  private final Deque<AutoCloseable> running = new ArrayDeque<>();

  private Rehearsal(Path root, PrintStream out) {
    this.root = root;
    this.dir = root.resolve(".backlot/rehearsal");
    this.out = out;
  }

  public static void main(String[] args) {
    Path root = LocalPortal.findRoot(Path.of("").toAbsolutePath());
    boolean passed;
    try (Rehearsal rehearsal = new Rehearsal(root, System.out)) {
      passed = rehearsal.run();
    } catch (Exception e) {
      System.err.println("rehearsal: could not rehearse: " + e.getMessage());
      System.exit(2);
      return;
    }
    System.exit(passed ? 0 : 1);
  }

  /** Stands everything up, runs the journey and prints the outcome; true when every step passed. */
  boolean run() throws Exception {
    long started = System.nanoTime();
    clean(dir);
    checkReachable("PostgreSQL", 5432);
    checkReachable("Redis", 6379);
    int providerPort = FunctionLauncher.freePort();
    String issuer = "https://localhost:" + providerPort + "/" + LocalOidcProvider.ISSUER_ID;
    out.println("rehearsal: evaluating terraform/rehearsal (modules/service-config with the rehearsal's stand-ins)…");
    Deployment deployment = Deployment.evaluate(root, dir.resolve("terraform"),
        Map.of("repo_root", root.toString(), "okta_issuer", issuer));

    LocalTls tls = LocalTls.in(root.resolve(".backlot/rehearsal-tls"), certificateNames(deployment));
    GoogleAccounts google = new GoogleAccounts();
    Network network = new Network();
    out.println("rehearsal: starting the stand-ins for Google Cloud, Okta and GitHub…");
    LocalOidcProvider okta = keep(LocalOidcProvider.start(root, dir.resolve("oidc"), tls, providerPort));
    network.serve(GoogleCerts.HOST, keep(new GoogleCerts(google)).port());
    Map<String, String> secrets = secretValues();
    network.serveHttp2("secretmanager.googleapis.com",
        keep(new SecretManagerStandIn(deployment.projectId(), deployment.secretAccessors(), secrets, google)).port());
    GitHubStandIn github = keep(GitHubStandIn.start(root, dir.resolve("github"), FunctionLauncher.freePort()));
    network.serve("api.github.com", github.port());

    // Where each caller stands: its own metadata server answers for its own service account.
    Map<String, String> project = Map.of("id", deployment.projectId(), "number", deployment.projectNumber());
    Map<String, String> callers = new LinkedHashMap<>(deployment.pluginAccounts());
    callers.put("shell", deployment.identity("shell"));
    callers.put("deploy", deployment.identity("deploy"));
    Map<String, EgressProxy> positions = new LinkedHashMap<>();
    for (Map.Entry<String, String> caller : callers.entrySet()) {
      positions.put(caller.getKey(), keep(new EgressProxy(caller.getKey(), network, tls.serverContext(),
          new MetadataServer(caller.getValue(), google, project))));
    }
    // API Gateway and the internet have no metadata server: Google mints the gateway's tokens.
    positions.put("gateway", keep(new EgressProxy("the API gateway", network, tls.serverContext(), null)));
    EgressProxy internet = keep(new EgressProxy("the internet", network, tls.serverContext(), null));
    // Cloud Tasks creates the tasks of Terraform's queues and calls their URLs from Google's side.
    CloudTasksStandIn cloudTasks = keep(new CloudTasksStandIn(deployment.taskQueues(), google, HttpClient.newBuilder()
        .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", internet.port()))).sslContext(tls.sslContext())
        .connectTimeout(Duration.ofSeconds(10)).build(), deployment.requestTimeout().plusSeconds(10)));
    network.serve(CloudTasksStandIn.HOST, cloudTasks.port());

    out.println("rehearsal: building plugins/" + UiPluginBucket.PLUGIN + " into a folder standing in for the UI plugins' bucket…");
    Deployment.Volume uiPluginVolume = deployment.shellVolumes().get("ui-plugins");
    UiPluginBucket uiPlugins = UiPluginBucket.install(root, dir, uiPluginVolume.bucket());

    out.println("rehearsal: starting every function and the shell with the environment Terraform gives them…");
    Journey.Step startUp = new Services(root, dir, this::keep).start(deployment, tls, positions, okta.issuer(), secrets, google, network,
        Map.of(uiPluginVolume.mountPath(), uiPlugins.folder()));

    network.serve(URI.create(deployment.gatewayUrl()).getHost(), keep(new ApiGatewayStandIn(deployment.openapi(),
        deployment.identity("gateway"), google, positions.get("gateway"), tls.sslContext())).port());

    ProxySelector fromTheInternet = ProxySelector.of(new InetSocketAddress("127.0.0.1", internet.port()));
    HttpClient client = HttpClient.newBuilder().proxy(fromTheInternet).sslContext(tls.sslContext())
        .connectTimeout(Duration.ofSeconds(10)).build();
    out.println("rehearsal: running the journey…");
    List<Journey.Step> steps = new ArrayList<>(List.of(startUp));
    steps.addAll(new Journey(deployment, google, client, new Browser(tls.sslContext(), fromTheInternet),
        secrets.get("github-webhook-secret"), github, uiPlugins, smokeTests(deployment, positions.get("deploy"), tls), cloudTasks).run());
    return report(steps, Duration.ofNanos(System.nanoTime() - started));
  }

  /** The pipeline's smoke test of each service (a plugin's, then the shell's), as cloudbuild.yaml runs it. */
  private Journey.SmokeTests smokeTests(Deployment deployment, EgressProxy build, LocalTls tls) throws IOException {
    CloudBuildSmokeTest step = CloudBuildSmokeTest.from(root.resolve("cloudbuild.yaml"));
    Map<String, Deployment.Service> services = new LinkedHashMap<>();
    deployment.services().forEach(s -> services.put(s.name(), s));
    return new Journey.SmokeTests() {
      @Override
      public List<String> services() {
        return List.copyOf(services.keySet());
      }

      @Override
      public CloudBuildSmokeTest.Outcome run(String name) throws Exception {
        Deployment.Service service = services.get(name);
        // As build.tf's triggers set them: a plugin's id and smoke path, or "shell" and /healthcheck.
        String plugin = service.plugin() == null ? "shell" : service.plugin();
        String smokePath = service.plugin() == null ? "/healthcheck" : deployment.manifest(plugin).path("smokeTest").asText();
        return step.run(dir.resolve("build").resolve(name), Journey.deployVars(service),
            CloudBuildSmokeTest.substitutions(plugin, smokePath, deployment.projectId(), deployment.projectNumber(), deployment.region()),
            build, tls.certificatePem());
      }
    };
  }

  /** The names the rehearsal's certificate holds: Google's APIs and the deployment's run.app and gateway.dev hosts. */
  private static List<String> certificateNames(Deployment deployment) {
    TreeSet<String> names = new TreeSet<>(List.of("*.googleapis.com", "api.github.com"));
    deployment.services().forEach(s -> s.urls().forEach(url -> names.add(wildcard(url))));
    names.add(wildcard(deployment.gatewayUrl()));
    return List.copyOf(names);
  }

  private static String wildcard(String url) {
    String host = URI.create(url).getHost();
    return "*" + host.substring(host.indexOf('.'));
  }

  /**
   * The secrets' values, as an operator adds them (docs/deploy.md, step 5): the shell's Okta client
   * secret and user-token signing key, the GitHub App's private key and the organisation's webhook
   * secret. The other declared secrets (github-token, github-app-webhook-secret) have no version.
   */
  private static Map<String, String> secretValues() throws NoSuchAlgorithmException, JOSEException {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    String appKey = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
        .encodeToString(rsa.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    return Map.of(
        "backlot-okta-client-secret", randomHex(),
        "backlot-user-token-signing-key", new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate().toJSONString(),
        "github-app-private-key", appKey,
        "github-webhook-secret", randomHex());
  }

  private static String randomHex() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private boolean report(List<Journey.Step> steps, Duration took) {
    out.println();
    out.println("Rehearsal of the deployment Terraform describes (terraform/rehearsal), in " + took.toSeconds() + " s:");
    long failed = 0;
    for (Journey.Step step : steps) {
      out.println("  " + (step.passed() ? "PASS" : "FAIL") + "  " + step.name());
      step.details().forEach(line -> out.println("        " + line));
      failed += step.passed() ? 0 : 1;
    }
    out.println();
    out.println(failed == 0 ? "Rehearsal passed." : "Rehearsal failed: " + failed + " of " + steps.size() + " steps. Each instance's output is in "
        + root.relativize(dir.resolve("instances")) + "/.");
    return failed == 0;
  }

  private static void checkReachable(String what, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
    } catch (IOException e) {
      throw new IllegalStateException(what + " is not running on 127.0.0.1:" + port + "; the rehearsal stands it in for Google's"
          + " (start it, as .ci/run does)");
    }
  }

  private <T extends AutoCloseable> T keep(T resource) {
    running.push(resource);
    return resource;
  }

  private static void clean(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(dir);
  }

  /** Stops everything, in the reverse order it started. */
  @Override
  public void close() {
    while (!running.isEmpty()) {
      try {
        running.pop().close();
      } catch (Exception e) {
        out.println("rehearsal: stopping: " + e.getMessage());
      }
    }
  }
}
