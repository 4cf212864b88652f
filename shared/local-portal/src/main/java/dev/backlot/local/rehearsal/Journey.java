package dev.backlot.local.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.local.bench.Browser;
import dev.backlot.platform.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the rehearsal checks, each step as the real caller makes it from where that caller stands:
 * Cloud Scheduler's jobs (Terraform's uri and OIDC audience, the scheduler's service account), a
 * person's browser (OIDC sign-in at the shell), GitHub's webhook delivery, and the pipeline's smoke
 * test (cloudbuild.yaml's own step), in the order a new site fills up: the catalog file, then the
 * organisation's people, who can then sign in. Every step runs, whatever the ones before it gave,
 * and says what it saw.
 */
final class Journey {
  /** The person who signs in: the organisation's member on GitHub, whose User org sync brings in. */
  static final String PERSON = "rehearsal.user@acme.example";
  private static final String COMPONENT = "/api/catalog/entities/by-name/component/default/rehearsal-service";
  /** Where search places the site's component. */
  private static final String SEARCH_LOCATION = "/catalog/default/component/rehearsal-service";
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  /** How long a created scaffolder task may take to complete through Cloud Tasks. */
  private static final Duration TASK_WAIT = Duration.ofSeconds(30);

  /** One step's outcome and what it saw. */
  record Step(String name, boolean passed, List<String> details) {}

  /** A step failing, with what it saw. */
  private static final class Failed extends Exception {
    Failed(String message) {
      super(message);
    }
  }

  @FunctionalInterface
  private interface Check {
    void run(List<String> details) throws Exception;
  }

  private final Deployment deployment;
  private final GoogleAccounts accounts;
  private final HttpClient internet;
  private final Browser browser;
  private final String webhookSecret;
  private final GitHubStandIn github;
  private final UiPluginBucket uiPlugins;
  private final SmokeTests smoke;
  private final CloudTasksStandIn cloudTasks;
  private boolean signedIn;

  /** How the pipeline's smoke test runs for a service: its trigger's substitutions and the deploy step's vars. */
  interface SmokeTests {
    List<String> services();

    CloudBuildSmokeTest.Outcome run(String service) throws Exception;
  }

  Journey(Deployment deployment, GoogleAccounts accounts, HttpClient internet, Browser browser, String webhookSecret, GitHubStandIn github,
      UiPluginBucket uiPlugins, SmokeTests smoke, CloudTasksStandIn cloudTasks) {
    this.deployment = deployment;
    this.accounts = accounts;
    this.internet = internet;
    this.browser = browser;
    this.webhookSecret = webhookSecret;
    this.github = github;
    this.uiPlugins = uiPlugins;
    this.smoke = smoke;
    this.cloudTasks = cloudTasks;
  }

  List<Step> run() {
    List<Step> steps = new ArrayList<>();
    steps.add(step("Cloud Scheduler's catalog /refresh reads the site's catalog file from GitHub", this::refreshCatalog));
    steps.add(step("Cloud Scheduler's github /org-sync applies the organisation's people and teams to the catalog", this::orgSync));
    steps.add(step("a person signs in through the shell (OIDC) and lists entities: shell -> catalog", this::signIn));
    steps.add(step("the shell serves the UI plugins' bucket, mounted where Terraform mounts it: /ui-plugins/manifest.json and a bundle", this::uiPlugins));
    steps.add(step("Cloud Scheduler's api-docs /sync reaches the catalog", this::syncApiDocs));
    steps.add(step("Cloud Scheduler's search /index indexes the catalog and API definitions through their APIs", this::indexSearch));
    steps.add(step("a signed GitHub push webhook makes the github function refresh the catalog entity", this::pushWebhook));
    steps.add(step("the catalog's change event reaches search: a person's search through the shell finds the pushed description", this::searchFindsPush));
    steps.add(step("a person creates a scaffolder task through the shell; its Cloud Task calls the worker route and the task completes",
        this::scaffolderTask));
    steps.add(step("cloudbuild.yaml's smoke-test step passes for every service with the pipeline's credentials", this::smokeTests));
    return steps;
  }

  private static Step step(String name, Check check) {
    List<String> details = new ArrayList<>();
    try {
      check.run(details);
      return new Step(name, true, details);
    } catch (Failed e) {
      details.add(e.getMessage());
    } catch (Exception e) {
      details.add(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    return new Step(name, false, details);
  }

  private void refreshCatalog(List<String> details) throws Exception {
    JsonNode body = schedule("catalog", "/refresh", details);
    for (JsonNode outcome : body.path("locations")) {
      if (outcome.path("location").asText().contains(GitHubStandIn.CATALOG_FILE)) {
        details.add("location " + outcome);
        if (!outcome.path("complete").asBoolean() || !outcome.path("errors").isEmpty()) {
          throw new Failed("the catalog could not read " + GitHubStandIn.CATALOG_FILE + ": " + outcome.path("errors"));
        }
        return;
      }
    }
    throw new Failed("the refresh did not read " + GitHubStandIn.CATALOG_FILE + ": " + body);
  }

  private void signIn(List<String> details) throws Exception {
    List<URI> visited = new ArrayList<>(List.of(URI.create(deployment.publicBaseUrl() + "/")));
    try {
      signIn(details, visited);
    } catch (IOException e) {
      throw new Failed(e.getMessage() + " after " + visited);
    }
  }

  private void signIn(List<String> details, List<URI> visited) throws Exception {
    HttpResponse<String> loginPage = browser.follow(browser.get(visited.get(0)), visited);
    details.add("sign-in page " + loginPage.uri());
    if (loginPage.statusCode() != 200 || !loginPage.body().contains("name=\"username\"")) {
      throw new Failed("no sign-in page: HTTP " + loginPage.statusCode() + " at " + loginPage.uri() + " after " + visited);
    }
    String claims = "{\"email\":\"" + PERSON + "\",\"email_verified\":true,\"groups\":[]}";
    HttpResponse<String> home = browser.follow(browser.postForm(loginPage.uri(), Map.of("username", PERSON, "claims", claims), Map.of()), visited);
    details.add("signed in, at " + home.uri() + " (HTTP " + home.statusCode() + ")");
    if (home.statusCode() != 200 || home.uri().getPath().startsWith("/sign-in-problem")) {
      throw new Failed("the shell did not sign " + PERSON + " in: HTTP " + home.statusCode() + " at " + home.uri() + ": " + excerpt(home.body()));
    }
    signedIn = true;
    HttpResponse<String> entities = browser.send(HttpRequest.newBuilder(URI.create(deployment.publicBaseUrl()
        + "/api/catalog/entities?filter=" + URLEncoder.encode("kind=component", StandardCharsets.UTF_8))).header("Accept", "application/json").build());
    expect(200, entities, "GET /api/catalog/entities through the shell");
    if (!entities.body().contains("rehearsal-service")) {
      throw new Failed("the catalog's entities lack the site's component: " + excerpt(entities.body()));
    }
    details.add("GET /api/catalog/entities through the shell: " + Json.MAPPER.readTree(entities.body()).size() + " component(s)");
    String group = "/api/catalog/entities/by-name/group/default/" + GitHubStandIn.TEAM_GROUP.substring(GitHubStandIn.TEAM_GROUP.indexOf('/') + 1);
    expect(200, browser.send(HttpRequest.newBuilder(URI.create(deployment.publicBaseUrl() + group)).header("Accept", "application/json").build()),
        "GET " + group + " through the shell");
    details.add(GitHubStandIn.TEAM_GROUP + ", from org sync, is in the catalog");
  }

  private void uiPlugins(List<String> details) throws Exception {
    if (uiPlugins.problem() != null) {
      throw new Failed(uiPlugins.problem());
    }
    if (!signedIn) {
      throw new Failed("nobody could sign in, and the shell serves UI plugins to signed-in people only");
    }
    HttpResponse<String> manifest = browser.send(HttpRequest.newBuilder(URI.create(deployment.publicBaseUrl() + "/ui-plugins/manifest.json"))
        .header("Accept", "application/json").build());
    expect(200, manifest, "GET /ui-plugins/manifest.json through the shell");
    JsonNode installed = null;
    for (JsonNode plugin : Json.MAPPER.readTree(manifest.body()).path("plugins")) {
      if (plugin.path("id").asText().equals(UiPluginBucket.PLUGIN)) {
        installed = plugin;
      }
    }
    if (installed == null) {
      throw new Failed("the shell's manifest lists no " + UiPluginBucket.PLUGIN + ": " + excerpt(manifest.body()));
    }
    details.add("manifest: " + UiPluginBucket.PLUGIN + " " + installed.path("version").asText() + " at " + installed.path("bundle").asText());
    String path = installed.path("bundle").asText();
    HttpResponse<String> bundle = browser.send(HttpRequest.newBuilder(URI.create(deployment.publicBaseUrl() + path)).build());
    expect(200, bundle, "GET " + path + " through the shell");
    String inBucket = java.nio.file.Files.readString(uiPlugins.folder().resolve(path.substring("/ui-plugins/".length())));
    if (!bundle.body().equals(inBucket)) {
      throw new Failed("the shell served " + path + " with other bytes than the bucket holds");
    }
    String caching = bundle.headers().firstValue("Cache-Control").orElse("");
    details.add("bundle: " + bundle.body().length() + " characters, Cache-Control: " + caching);
    if (!caching.contains("immutable")) {
      throw new Failed("the bundle is not cached for good (content-addressed): Cache-Control: " + caching);
    }
  }

  private void syncApiDocs(List<String> details) throws Exception {
    JsonNode body = schedule("api-docs", "/sync", details);
    if (body.path("apis").asInt() < 1 || !body.path("failed").isEmpty()) {
      throw new Failed("api-docs synced no API definition from the catalog: " + body);
    }
  }

  private void indexSearch(List<String> details) throws Exception {
    JsonNode body = schedule("search", "/index", details);
    JsonNode catalog = body.path("types").path("software-catalog");
    details.add("software-catalog " + catalog + ", api-definition " + body.path("types").path("api-definition")
        + ", techdocs " + body.path("types").path("techdocs"));
    if (catalog.path("written").asInt() < 1 || !body.has("done")) {
      throw new Failed("search indexed no catalog entity: " + body);
    }
    if (!signedIn) {
      details.add("(searching is not checked: nobody could sign in)");
      return;
    }
    JsonNode found = searchThroughShell("rehearsal service", details);
    if (!found.toString().contains(SEARCH_LOCATION)) {
      throw new Failed("a search for the registered component through the shell did not find it: " + excerpt(found.toString()));
    }
  }

  /** The pushed description is found without another /index: the catalog told search of the change. */
  private void searchFindsPush(List<String> details) throws Exception {
    if (!signedIn) {
      throw new Failed("nobody could sign in to search");
    }
    // The event is sent once the catalog committed the refresh; a few tries allow for a slow instance start.
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
    JsonNode found;
    do {
      found = searchThroughShell("pushed", details);
      for (JsonNode result : found.path("results")) {
        if (result.at("/document/location").asText().equals(SEARCH_LOCATION) && result.at("/document/text").asText().startsWith("Version 2")) {
          details.add("found: " + result.at("/document/text").asText());
          return;
        }
      }
      Thread.sleep(500);
    } while (System.nanoTime() < deadline);
    throw new Failed("search did not find the pushed description within 20 s: " + excerpt(found.toString()));
  }

  private JsonNode searchThroughShell(String term, List<String> details) throws Exception {
    String query = "/api/search/query?term=" + URLEncoder.encode(term, StandardCharsets.UTF_8) + "&types%5B0%5D=software-catalog";
    HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(URI.create(deployment.publicBaseUrl() + query))
        .header("Accept", "application/json").build());
    expect(200, answer, "GET " + query + " through the shell");
    JsonNode body = Json.MAPPER.readTree(answer.body());
    details.add("GET " + query + " through the shell: " + body.path("results").size() + " result(s)");
    return body;
  }

  private void pushWebhook(List<String> details) throws Exception {
    github.push();
    byte[] event = GitHubStandIn.pushEvent();
    HttpResponse<String> delivered = internet.send(HttpRequest.newBuilder(URI.create(deployment.gatewayUrl() + "/api/github/webhook"))
        .timeout(TIMEOUT)
        .header("Content-Type", "application/json")
        .header("User-Agent", "GitHub-Hookshot/rehearsal")
        .header("X-GitHub-Event", "push")
        .header("X-GitHub-Delivery", UUID.randomUUID().toString())
        .header("X-Hub-Signature-256", "sha256=" + hmacSha256(webhookSecret, event))
        .POST(HttpRequest.BodyPublishers.ofByteArray(event)).build(), HttpResponse.BodyHandlers.ofString());
    expect(200, delivered, "POST /api/github/webhook (push) through the gateway");
    details.add("delivered: " + excerpt(delivered.body()));
    if (!Json.MAPPER.readTree(delivered.body()).path("refreshed").toString().contains(GitHubStandIn.CATALOG_FILE)) {
      throw new Failed("the push refreshed nothing: " + delivered.body());
    }
    if (!signedIn) {
      details.add("(the component itself is not checked: nobody could sign in to read it)");
      return;
    }
    HttpResponse<String> component = browser.send(HttpRequest.newBuilder(URI.create(deployment.publicBaseUrl() + COMPONENT))
        .header("Accept", "application/json").build());
    expect(200, component, "GET " + COMPONENT + " through the shell");
    String description = Json.MAPPER.readTree(component.body()).at("/metadata/description").asText();
    details.add("the component now says: " + description);
    if (!description.startsWith("Version 2")) {
      throw new Failed("the catalog still has the component from before the push: " + description);
    }
  }

  /**
   * The site's template (from its catalog file) run as a task: the scaffolder hands it to its Cloud
   * Tasks queue, and the Cloud Tasks stand-in's call of the worker route runs it. Nothing here calls
   * the scheduler's {@code /v2/tasks/work}, so a completed task ran through Cloud Tasks.
   */
  private void scaffolderTask(List<String> details) throws Exception {
    if (!signedIn) {
      throw new Failed("nobody could sign in to create a task");
    }
    String values = "{\"templateRef\":\"" + GitHubStandIn.TEMPLATE + "\",\"values\":{\"name\":\"rehearsal-made\"}}";
    HttpResponse<String> created = browser.send(HttpRequest.newBuilder(URI.create(deployment.publicBaseUrl() + "/api/scaffolder/v2/tasks"))
        .header("Accept", "application/json").header("Content-Type", "application/json")
        .header("X-XSRF-TOKEN", String.valueOf(browser.cookie("XSRF-TOKEN")))
        .POST(HttpRequest.BodyPublishers.ofString(values)).build());
    expect(201, created, "POST /api/scaffolder/v2/tasks through the shell");
    String id = Json.MAPPER.readTree(created.body()).path("id").asText();
    details.add("task " + id + " created from " + GitHubStandIn.TEMPLATE);
    // The task runs on the worker route's call, which Cloud Tasks makes at once; the bound allows for a slow instance.
    long createdAt = System.nanoTime();
    long deadline = createdAt + TASK_WAIT.toNanos();
    JsonNode task;
    do {
      HttpResponse<String> read = browser.send(HttpRequest.newBuilder(URI.create(deployment.publicBaseUrl() + "/api/scaffolder/v2/tasks/" + id))
          .header("Accept", "application/json").build());
      expect(200, read, "GET /api/scaffolder/v2/tasks/" + id + " through the shell");
      task = Json.MAPPER.readTree(read.body());
      if (!task.path("status").asText().equals("open") && !task.path("status").asText().equals("processing")) {
        break;
      }
      Thread.sleep(250);
    } while (System.nanoTime() < deadline);
    List<CloudTasksStandIn.Dispatch> calls = cloudTasks.dispatches().stream().filter(d -> d.url().contains("/v2/tasks/" + id + "/work")).toList();
    calls.forEach(d -> details.add("Cloud Tasks: POST " + d.url() + ": " + (d.status() < 0 ? "" : "HTTP " + d.status() + " ") + excerpt(d.answer())));
    details.add("task status: " + task.path("status").asText() + ", seen " + Duration.ofNanos(System.nanoTime() - createdAt).toMillis()
        + " ms after its creation was answered" + (task.has("output") ? "; output " + excerpt(task.path("output").toString()) : ""));
    if (calls.isEmpty()) {
      throw new Failed("the scaffolder created no Cloud Task for task " + id + " within " + TASK_WAIT.toSeconds() + " s (its log says why)");
    }
    if (calls.stream().noneMatch(d -> d.status() == 200 && d.answer().contains("\"ran\":1"))) {
      throw new Failed("Cloud Tasks' call of the worker route did not run task " + id);
    }
    if (!task.path("status").asText().equals("completed")) {
      throw new Failed("task " + id + " is " + task.path("status").asText() + " after " + TASK_WAIT.toSeconds() + " s, not completed");
    }
  }

  private void orgSync(List<String> details) throws Exception {
    JsonNode body = schedule("github", "/org-sync", details);
    JsonNode organization = body.path("organizations").path(0);
    details.add("organisation: " + organization);
    if (organization.isMissingNode() || organization.hasNonNull("error") || !organization.hasNonNull("applied")) {
      throw new Failed("org sync applied nothing: " + body);
    }
  }

  private void smokeTests(List<String> details) throws Exception {
    // One build per service, at once, as their triggers run them.
    Map<String, CompletableFuture<CloudBuildSmokeTest.Outcome>> builds = new LinkedHashMap<>();
    for (String service : smoke.services()) {
      builds.put(service, CompletableFuture.supplyAsync(() -> {
        try {
          return smoke.run(service);
        } catch (Exception e) {
          return new CloudBuildSmokeTest.Outcome(-1, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
      }, Thread::startVirtualThread));
    }
    List<String> failed = new ArrayList<>();
    for (Map.Entry<String, CompletableFuture<CloudBuildSmokeTest.Outcome>> build : builds.entrySet()) {
      String service = build.getKey();
      CloudBuildSmokeTest.Outcome outcome = build.getValue().join();
      details.add(service + ": exit " + outcome.exitCode());
      outcome.output().lines().forEach(line -> details.add("  " + line));
      if (outcome.exitCode() != 0) {
        failed.add(service);
      }
    }
    if (!failed.isEmpty()) {
      throw new Failed("the smoke test failed for " + failed);
    }
  }

  /** Runs Terraform's scheduler job for a plugin's schedule as Cloud Scheduler does; the answer's JSON. */
  private JsonNode schedule(String plugin, String path, List<String> details) throws Exception {
    Deployment.SchedulerJob job = deployment.schedulerJob(plugin, path);
    HttpResponse<String> answer = internet.send(HttpRequest.newBuilder(URI.create(job.uri())).timeout(TIMEOUT)
        .header("Authorization", "Bearer " + accounts.idToken(deployment.identity("scheduler"), job.audience()))
        .header("User-Agent", "Google-Cloud-Scheduler")
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    details.add("POST " + job.uri() + " (OIDC audience " + job.audience() + "): HTTP " + answer.statusCode());
    expect(200, answer, "POST " + job.path());
    return Json.MAPPER.readTree(answer.body());
  }

  private static void expect(int status, HttpResponse<String> response, String what) throws Failed {
    if (response.statusCode() != status) {
      throw new Failed(what + ": HTTP " + response.statusCode() + " " + excerpt(response.body()));
    }
  }

  private static String excerpt(String body) {
    String flat = body.replaceAll("\\s+", " ").strip();
    return flat.length() > 600 ? flat.substring(0, 600) + "..." : flat;
  }

  static String hmacSha256(String secret, byte[] body) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }

  /** The deploy step's vars for a service: its tagged candidate revision's URL among them. */
  static Map<String, String> deployVars(Deployment.Service service) {
    URI uri = URI.create(service.urls().get(0));
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("SERVICE", service.name());
    vars.put("VERSION", "rehearsal");
    vars.put("CANDIDATE_TAG", "candidate-rehearsal");
    vars.put("REVISION", service.name() + "-00001-reh");
    vars.put("CANDIDATE_URL", "https://candidate-rehearsal---" + uri.getHost());
    vars.put("SERVICE_URL", service.urls().get(0));
    return vars;
  }
}
