package dev.backlot.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backlot.local.Gateway;
import dev.backlot.local.RunningFunction;
import dev.backlot.local.oidc.LocalOidcProvider;
import dev.backlot.platform.auth.ServiceTokens;
import dev.backlot.testing.TestTokens;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The web UI in a real headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core from
 * web/e2e): sign in through the local OIDC provider as a sample user, browse and filter a real
 * catalog loaded with examples/, open an entity and its graph, read an API's definition in two
 * versions from the real api-docs function with the breaking changes between them, register a
 * catalog file served on loopback, run a software template from examples/ through its form against a GitHub stand-in, read a component's docs built by the real techdocs function, manage roles as an RBAC administrator and find no such controls
 * as another user, and load UI plugins built apart from the shell into the folder it serves them
 * from: the Tech Radar, a tab that is then upgraded and rolled back, a card that throws, and the
 * GitHub Actions tab showing runs the github function reads from a GitHub stand-in. Screenshots go to target/screenshots/. Without Chromium,
 * Node.js or a built UI the test reports itself skipped.
 */
class BrowserJourneyTest {
  static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("BACKLOT_CHROMIUM", "/usr/bin/chromium"));
  static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  static final Path WORK = Path.of("target", "browser-journey").toAbsolutePath();
  /** The token the GitHub stand-in accepts; made up for the test. */
  static final String GITHUB_TOKEN = "journey-github-token";
  /** The repository the journey's task creates (e2e/catalog-journey.mjs names it). */
  static final String JOURNEY_REPOSITORY = "journey-docs";

  static LocalOidcProvider provider;
  static RunningFunction catalog;
  static RunningFunction apiDocs;
  static RunningFunction permission;
  static RunningFunction techdocs;
  static RunningFunction search;
  static RunningFunction github;
  static JourneyGitHub githubApi;
  static RunningFunction scaffolder;
  static GitHubStandIn repositories;
  static volatile boolean working;
  static Gateway gateway;
  static CatalogFileServer catalogFiles;
  static ConfigurableApplicationContext shell;
  static String shellUrl;

  /**
   * Why the journey cannot run here, or null. The test, not the class set-up, assumes it: Surefire
   * counts a skipped test with its reason, while a class skipped in @BeforeAll reports no test at all.
   */
  static String missingPrerequisite() {
    if (!new WebUi().isBuilt()) {
      return "the shell was built without its web UI (-Dbacklot.ui.skip)";
    }
    if (!Files.isExecutable(CHROMIUM)) {
      return "no Chromium at " + CHROMIUM + " (apt-get install chromium; .ci/run does)";
    }
    if (!Files.isDirectory(ROOT.resolve("frontend-shell/web/node_modules/playwright-core"))) {
      return "playwright-core is not installed in frontend-shell/web (npm ci)";
    }
    return null;
  }

  @BeforeAll
  static void start() throws Exception {
    if (missingPrerequisite() != null) {
      return;
    }

    provider = LocalOidcProvider.start(ROOT, WORK.resolve("oidc"), LocalProviderTrust.certificate(), SignInTest.freePort());

    int shellPort = SignInTest.freePort();
    int gatewayPort = SignInTest.freePort();
    String jwksUrl = "http://localhost:" + shellPort + "/.well-known/jwks.json";
    catalogFiles = new CatalogFileServer();
    repositories = new GitHubStandIn(GITHUB_TOKEN);
    // github.com is the stand-in, for the scaffolder's publishing and the catalog's reading alike.
    Map<String, Object> integrations = Map.of("github", List.of(Map.of("host", "github.com", "apiBaseUrl", repositories.apiUrl(), "token", GITHUB_TOKEN)));
    catalog = startFunction("catalog", jwksUrl, gatewayPort, Map.of(
        "integrations", integrations,
        // The scaffolder registers a task's entities for its initiator, as app-config.yaml lets it.
        "backend", Map.of("reading", Map.of("allow", List.of(Map.of("host", catalogFiles.host()))), "auth", Map.of("onBehalfOf", List.of("scaffolder"))),
        "backlot", Map.of("auth", Map.of("adminGroups", List.of("group:default/platform-team"))),
        // As app-config.yaml configures examples/: allowed its organisation's kinds, which catalog.rules' default refuses.
        "catalog", Map.of("locations", List.of(Map.of("type", "file", "target", ROOT.resolve("examples/all.yaml").toString(),
            "rules", List.of(Map.of("allow", List.of("System", "Domain", "Resource", "Group", "User")))),
            // The example templates, as a team would register them (docs/scaffolder.md#examples).
            Map.of("type", "file", "target", ROOT.resolve("examples/templates/github-repository/template.yaml").toString(),
                "rules", List.of(Map.of("allow", List.of("Template")))),
            Map.of("type", "file", "target", ROOT.resolve("examples/templates/docs-site/template.yaml").toString(),
                "rules", List.of(Map.of("allow", List.of("Template"))))))));
    apiDocs = startFunction("api-docs", jwksUrl, gatewayPort, Map.of(
        "blobStore", Map.of("folder", Map.of("path", Files.createDirectories(WORK.resolve("blobs-" + System.nanoTime())).toString()))));
    // Grace Hopper manages roles; Ada Lovelace, the journey's second user, does not.
    permission = startFunction("permission", jwksUrl, gatewayPort, Map.of(
        "permission", Map.of("rbac", Map.of("admin", Map.of("users", List.of(Map.of("name", "user:default/grace.hopper"))),
            "pluginsWithPermission", List.of("catalog")))));
    // Sites in a blob folder of their own; the sync builds examples/' checkout docs into it.
    techdocs = startFunction("techdocs", jwksUrl, gatewayPort, Map.of(
        "blobStore", Map.of("folder", Map.of("path", Files.createDirectories(WORK.resolve("sites-" + System.nanoTime())).toString()))));
    search = startFunction("search", jwksUrl, gatewayPort, Map.of());
    // The github function's GitHub Actions routes, calling a GitHub stand-in with the integration's token.
    githubApi = new JourneyGitHub();
    github = startFunction("github", jwksUrl, gatewayPort, Map.of(
        "integrations", Map.of("github", List.of(Map.of("host", "github.com", "apiBaseUrl", githubApi.apiBaseUrl(), "token", "journey-token"))),
        "backlot", Map.of("auth", Map.of("adminGroups", List.of("group:default/platform-team")))));
    scaffolder = startFunction("scaffolder", jwksUrl, gatewayPort, Map.of("integrations", integrations));
    gateway = new Gateway(new InetSocketAddress("127.0.0.1", gatewayPort),
        Map.of("/api/catalog", catalog.baseUrl(), "/api/api-docs", apiDocs.baseUrl(), "/api/permission", permission.baseUrl(),
            "/api/techdocs", techdocs.baseUrl(), "/api/search", search.baseUrl(), "/api/github", github.baseUrl(),
            "/api/scaffolder", scaffolder.baseUrl())).start();
    loadExamples();
    buildDocs();
    JourneyApis.publishTwoVersions("http://127.0.0.1:" + gateway.port(), serviceTokens());
    indexSearch();
    shell = SpringApplication.run(ShellApplication.class,
        "--server.port=" + shellPort,
        "--spring.profiles.active=local",
        "--okta.oauth2.issuer=" + provider.issuer(),
        "--okta.oauth2.client-id=backlot-test",
        "--okta.oauth2.client-secret=test-secret",
        "--backend.base-url=http://127.0.0.1:" + gateway.port(),
        "--backend.auth.user-tokens.signing-key=" + TestTokens.newKey("journey-user-key").toJSONString(),
        // As the local portal sets them: the plugins it launched, and the admin groups the functions know.
        "--backlot.plugins=catalog,api-docs,permission,techdocs,search,github,scaffolder",
        "--backlot.auth.admin-groups=group:default/platform-team",
        "--backlot.ui-plugins.folder=" + WORK.resolve("ui-plugins"),
        "--backend.auth.service-tokens.local.private-key=" + TestTokens.serviceKey().toJSONString());
    shellUrl = "http://localhost:" + shellPort;
    runTasks();
  }

  /** The scaffolder's worker, called as the local portal's timer calls it, but every half second, while the journey runs. */
  static void runTasks() {
    ServiceTokens tokens = LocalFunctions.serviceTokens("scheduler");
    HttpClient http = HttpClient.newHttpClient();
    working = true;
    Thread.startVirtualThread(() -> {
      while (working) {
        try {
          http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/api/scaffolder/v2/tasks/work"))
              .header("Authorization", tokens.authorizationFor("scaffolder")).POST(HttpRequest.BodyPublishers.noBody()).build(),
              HttpResponse.BodyHandlers.discarding());
          Thread.sleep(500);
        } catch (InterruptedException e) {
          return;
        } catch (Exception e) {
          // The scaffolder is starting or stopping: the next call tries again.
        }
      }
    });
  }

  static RunningFunction startFunction(String id, String jwksUrl, int gatewayPort, Map<String, Object> own) throws Exception {
    return LocalFunctions.start(id, jwksUrl, "http://127.0.0.1:" + gatewayPort, own, WORK);
  }

  /** The shell's service tokens, signed with the key every function here shares. */
  static ServiceTokens serviceTokens() {
    return LocalFunctions.serviceTokens("shell");
  }

  /** Runs search's scheduled full pass, as the scheduler would, until it has read everything once. */
  static void indexSearch() throws Exception {
    ServiceTokens tokens = LocalFunctions.serviceTokens("scheduler");
    HttpClient http = HttpClient.newHttpClient();
    for (int call = 0; call < 20; call++) {
      HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/api/search/index"))
          .header("Authorization", tokens.authorizationFor("search")).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() == 200 && answer.body().contains("\"done\":true")) {
        return;
      }
    }
    throw new IllegalStateException("search did not finish indexing the examples");
  }

  /** Asks the catalog to read its locations, as the scheduler would, until the sample users are in. */
  static void loadExamples() throws Exception {
    ServiceTokens tokens = LocalFunctions.serviceTokens("scheduler");
    HttpClient http = HttpClient.newHttpClient();
    String api = "http://127.0.0.1:" + gateway.port() + "/api/catalog";
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      http.send(HttpRequest.newBuilder(URI.create(api + "/refresh")).header("Authorization", tokens.authorizationFor("catalog"))
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> users = http.send(HttpRequest.newBuilder(URI.create(api + "/entities?filter=kind=user"))
          .header("Authorization", tokens.authorizationFor("catalog")).build(), HttpResponse.BodyHandlers.ofString());
      if (users.statusCode() == 200 && users.body().contains("grace.hopper")) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the catalog did not load examples/: " + users.statusCode() + " " + users.body());
      }
      Thread.sleep(500);
    }
  }

  /** Asks techdocs to build the docs of the catalog's entities, as the scheduler would, until examples/' checkout docs are built. */
  static void buildDocs() throws Exception {
    ServiceTokens tokens = LocalFunctions.serviceTokens("scheduler");
    HttpResponse<String> sync = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + gateway.port() + "/api/techdocs/sync"))
        .header("Authorization", tokens.authorizationFor("techdocs")).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    if (sync.statusCode() != 200 || !sync.body().contains("\"built\":1")) {
      throw new IllegalStateException("techdocs did not build examples/' checkout docs: " + sync.statusCode() + " " + sync.body());
    }
  }

  @AfterAll
  static void stop() throws Exception {
    working = false;
    SignInTest.closeAll(shell, gateway, catalog, apiDocs, permission, techdocs, search, github, githubApi, scaffolder, catalogFiles,
        repositories, provider);
  }

  @Test
  void signInBrowseTheCatalogReadAnApiAndRegisterAComponent() throws Exception {
    assumeTrue(missingPrerequisite() == null, missingPrerequisite());
    Path screenshots = Path.of("target", "screenshots").toAbsolutePath();
    ProcessBuilder journey = new ProcessBuilder(List.of("node", "e2e/catalog-journey.mjs"))
        .directory(ROOT.resolve("frontend-shell/web").toFile()).redirectErrorStream(true);
    journey.environment().putAll(Map.of("BACKLOT_SHELL_URL", shellUrl, "BACKLOT_SCREENSHOTS", screenshots.toString(),
        "BACKLOT_CHROMIUM", CHROMIUM.toString(), "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1",
        "BACKLOT_CATALOG_FILE_URL", catalogFiles.url(), "BACKLOT_UI_PLUGINS_FOLDER", WORK.resolve("ui-plugins").toString()));
    Process running = journey.start();
    // Through System.out, not an inherited descriptor: bytes on the forked JVM's native stdout
    // corrupt Surefire's channel to Maven.
    Thread.startVirtualThread(() -> running.inputReader().lines().forEach(line -> System.out.println("[journey] " + line)));
    if (!running.waitFor(3, TimeUnit.MINUTES)) {
      running.destroyForcibly();
      throw new AssertionError("the browser journey took over three minutes");
    }
    assertEquals(0, running.exitValue(), "the browser journey failed (its output is above; screenshots in " + screenshots + ")");
    // The template the journey ran pushed its catalog file to the stand-in's new repository.
    String catalogFile = repositories.files("acme", JOURNEY_REPOSITORY, "main").get("catalog-info.yaml");
    assertTrue(catalogFile != null && catalogFile.contains("name: " + JOURNEY_REPOSITORY) && catalogFile.contains("owner: group:default/platform-team"),
        "the task pushed catalog-info.yaml to acme/" + JOURNEY_REPOSITORY + ": " + repositories.files("acme", JOURNEY_REPOSITORY, "main"));
  }
}
