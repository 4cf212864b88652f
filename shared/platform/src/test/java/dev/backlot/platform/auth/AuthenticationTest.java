package dev.backlot.platform.auth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.functions.invoker.runner.Invoker;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.backlot.platform.BacklotFunction;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.http.Access;
import dev.backlot.platform.http.Router;
import dev.backlot.platform.manifest.PluginManifest;
import dev.backlot.testing.JwksServer;
import dev.backlot.testing.TestTokens;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every kind of caller against a function served by the real invoker, keys fetched over loopback HTTP. */
class AuthenticationTest {
  static final PluginManifest MANIFEST = new PluginManifest("sample", "x.Sample", "/api/sample", false, false,
      List.of(), List.of(), "/healthcheck", List.of(), PluginManifest.Resources.DEFAULT);
  static final String SERVICE_URL = "https://sample-abc123-ew.a.run.app";
  static final String SCHEDULER = "scheduler@acme.iam.gserviceaccount.com";
  static final String API_GATEWAY = "backlot-gateway@acme.iam.gserviceaccount.com";
  static final String STATIC_TOKEN = "s3cr3t-static-token";
  static final String CATALOG_ONLY_TOKEN = "catalog-only-token";

  static RSAKey google;
  static JwksServer googleKeys;
  static HttpServer metadata;
  static Config config;
  static Invoker invoker;
  static int port;
  static final HttpClient http = HttpClient.newHttpClient();

  /** Shows who called; {@code /admin} lets admins in, {@code /scheduled} the scheduler only. */
  public static final class WhoAmI extends BacklotFunction {
    public WhoAmI() {
      super(Plugin.start(MANIFEST, config, WhoAmI.class.getClassLoader()));
    }

    @Override
    protected void routes(Router router, Plugin plugin) {
      router.get("/whoami", Access.SIGNED_IN, request -> request.identity());
      // A webhook-style route: its handler checks a shared secret instead of a Backlot token.
      router.post("/hook", Access.PUBLIC, 64, request -> {
        if (!request.header("X-Hook-Secret").filter("open-sesame"::equals).isPresent()) {
          throw dev.backlot.platform.http.HttpError.authenticationError("bad hook secret");
        }
        return Map.of("hooked", request.body().length);
      });
      router.get("/admin", Access.admins(), request -> Map.of("admin", true));
      router.post("/scheduled", Access.services("scheduler"), request -> Map.of("ran", true));
    }
  }

  @BeforeAll
  static void start() throws Exception {
    google = new RSAKeyGenerator(2048).keyID("google-1").generate();
    googleKeys = JwksServer.start(google);
    metadata = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    metadata.createContext("/computeMetadata/v1/instance/service-accounts/default/identity", exchange -> {
      String audience = exchange.getRequestURI().getQuery().replaceFirst("^audience=", "");
      boolean google = "Google".equals(exchange.getRequestHeaders().getFirst("Metadata-Flavor"));
      byte[] body = (google ? googleToken(audience, SCHEDULER) : "Missing Metadata-Flavor:Google header").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(google ? 200 : 403, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    metadata.start();
    config = Config.of(TestTokens.withAuth(Map.of(
        "backend", Map.of("auth", Map.of(
            "serviceTokens", Map.of(
                "local", Map.of("privateKey", TestTokens.serviceKey().toJSONString()),
                "google", Map.of("audience", SERVICE_URL, "jwksUrl", googleKeys.url(), "serviceAccounts", Map.of("scheduler", SCHEDULER, "gateway", API_GATEWAY),
                    "proxyServiceAccounts", API_GATEWAY)),
            "externalAccess", List.of(
                Map.of("type", "static", "options", Map.of("token", STATIC_TOKEN, "subject", "ci-bot")),
                Map.of("type", "static", "options", Map.of("token", CATALOG_ONLY_TOKEN, "subject", "importer"),
                    "accessRestrictions", List.of(Map.of("plugin", "catalog")))))),
        "backlot", Map.of("auth", Map.of("adminGroups", List.of("group:default/platform-team"))))));
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    invoker = new Invoker(port, WhoAmI.class.getName(), "http", WhoAmI.class.getClassLoader());
    invoker.startTestServer();
  }

  @AfterAll
  static void stop() throws Exception {
    invoker.stopServer();
    googleKeys.close();
    metadata.stop(0);
  }

  static String googleToken(String audience, String email) {
    Instant now = Instant.now();
    JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("https://accounts.google.com").audience(audience)
        .subject("1234567890").claim("email", email).claim("email_verified", true)
        .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(1)))).build();
    SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(google.getKeyID()).build(), claims);
    try {
      token.sign(new RSASSASigner(google));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return token.serialize();
  }

  static HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode whoami(int status, String authorization) throws Exception {
    HttpResponse<String> response = get("/api/sample/whoami", "Authorization", authorization);
    assertEquals(status, response.statusCode(), response.body());
    return Json.MAPPER.readTree(response.body());
  }

  /** Asserts a 401 AuthenticationError whose message says {@code because}. */
  static void rejected(String authorization, String because) throws Exception {
    JsonNode body = whoami(401, authorization);
    assertEquals("AuthenticationError", body.at("/error/name").asText());
    String message = body.at("/error/message").asText();
    assertTrue(message.contains(because), message + " should say " + because);
  }

  @Test
  void theStartUpWarmUpVerifiesItsRehearsalTokenLikeARealOne() {
    // Verification refusing the rehearsal token (bad signature, expired, wrong audience) would throw: the warm-up runs the real path.
    assertDoesNotThrow(Authenticator::warmUp);
  }

  @Test
  void aValidUserTokenReachesTheHandlerWithTheUsersIdentity() throws Exception {
    JsonNode me = whoami(200, "Bearer " + TestTokens.userToken("user:default/jdoe", "user:default/jdoe", "group:default/payments"));
    assertEquals("USER", me.get("kind").asText());
    assertEquals("user:default/jdoe", me.get("subject").asText());
    assertEquals(List.of("user:default/jdoe", "group:default/payments"), Json.MAPPER.convertValue(me.get("ownershipRefs"), List.class));
    assertEquals(200, get("/whoami", "Authorization", TestTokens.authorization()).statusCode(), "without the prefix too");
  }

  @Test
  void noTokenIs401InBackstagesShapeButTheHealthCheckIsOpen() throws Exception {
    HttpResponse<String> response = get("/api/sample/whoami?x=1");
    assertEquals(401, response.statusCode());
    assertEquals(Json.MAPPER.readTree("""
        {"error":{"name":"AuthenticationError","message":"Missing credentials"},
         "request":{"method":"GET","url":"/whoami?x=1"},"response":{"statusCode":401}}"""), Json.MAPPER.readTree(response.body()));
    assertEquals(401, get("/api/sample/no-such-route").statusCode(), "anonymous callers do not learn which routes exist");
    assertEquals(200, get("/api/sample/healthcheck").statusCode());
    assertEquals(200, get("/healthcheck").statusCode());
    rejected("Basic dXNlcjpwYXNz", "expected a bearer token");
    rejected("Bearer not-a-jwt", "not a known static token nor a JWT");
  }

  static HttpResponse<String> post(String path, String body, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aRouteThatAuthenticatesItselfIsReachedWithoutATokenAndOnlyThatRoute() throws Exception {
    HttpResponse<String> hooked = post("/api/sample/hook", "{\"x\":1}", "X-Hook-Secret", "open-sesame");
    assertEquals(200, hooked.statusCode(), hooked.body());
    assertEquals(7, Json.MAPPER.readTree(hooked.body()).get("hooked").asInt());
    HttpResponse<String> wrong = post("/api/sample/hook", "{}", "X-Hook-Secret", "guess");
    assertEquals(401, wrong.statusCode());
    assertEquals("bad hook secret", Json.MAPPER.readTree(wrong.body()).at("/error/message").asText(), "the handler refused it");
    assertEquals(413, post("/api/sample/hook", "x".repeat(65), "X-Hook-Secret", "open-sesame").statusCode(), "the body limit still holds");

    // Every other method, path and route still needs a Backlot token, before any 404 or 405.
    assertEquals("Missing credentials", Json.MAPPER.readTree(get("/api/sample/hook").body()).at("/error/message").asText());
    assertEquals(401, post("/api/sample/hook/more", "{}", "X-Hook-Secret", "open-sesame").statusCode());
    assertEquals(401, post("/api/sample/whoami", "{}", "X-Hook-Secret", "open-sesame").statusCode());
    assertEquals(401, get("/api/sample/whoami", "X-Hook-Secret", "open-sesame").statusCode());
    assertEquals(200, post("/api/sample/hook", "{}", "X-Hook-Secret", "open-sesame", "Authorization", "Bearer not-a-jwt").statusCode(),
        "a token on the hook is neither needed nor checked");
  }

  @Test
  void expiredNotYetValidAndForeignTokensAreRefused() throws Exception {
    ECKey key = TestTokens.userKey();
    Instant now = Instant.now();
    rejected("Bearer " + TestTokens.sign(key, TestTokens.userClaims(TestTokens.GUEST)
        .expirationTime(Date.from(now.minus(Duration.ofMinutes(5)))).build()), "Expired JWT");
    rejected("Bearer " + TestTokens.sign(key, TestTokens.userClaims(TestTokens.GUEST)
        .notBeforeTime(Date.from(now.plus(Duration.ofMinutes(5)))).build()), "JWT before use time");
    rejected("Bearer " + TestTokens.sign(key, TestTokens.userClaims(TestTokens.GUEST).issuer("someone-else").build()), "issuer is not trusted");
    rejected("Bearer " + TestTokens.sign(key, TestTokens.userClaims(TestTokens.GUEST).audience("other-portal").build()), "aud claim rejected");
    rejected("Bearer " + TestTokens.sign(key, TestTokens.userClaims("jdoe").build()), "must be an entity ref");
    rejected("Bearer " + TestTokens.sign(key, TestTokens.userClaims(TestTokens.GUEST).expirationTime(null).build()), "missing required claims: [exp]");
    ECKey impostor = new ECKey.Builder(TestTokens.newKey("x")).keyID(key.getKeyID()).build();
    rejected("Bearer " + TestTokens.sign(impostor, TestTokens.userClaims(TestTokens.GUEST).build()), "Invalid signature");
  }

  @Test
  void aPayloadChangedAfterSigningIsRefused() throws Exception {
    String[] parts = TestTokens.userToken("user:default/jdoe").split("\\.");
    String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    assertTrue(payload.contains("user:default/jdoe"), payload);
    String promoted = java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString(payload.replace("user:default/jdoe", "user:default/admin").getBytes(StandardCharsets.UTF_8));
    rejected("Bearer " + parts[0] + "." + promoted + "." + parts[2], "Invalid signature");
  }

  @Test
  void aTokenInTheQueryStringIsNoCredential() throws Exception {
    // Query strings end up in logs and browser history: only the Authorization header counts.
    String token = TestTokens.userToken("user:default/jdoe");
    for (String parameter : List.of("access_token", "token", "authorization")) {
      HttpResponse<String> response = get("/api/sample/whoami?" + parameter + "=" + token);
      assertEquals(401, response.statusCode(), parameter);
      assertEquals("Missing credentials", Json.MAPPER.readTree(response.body()).at("/error/message").asText());
    }
  }

  @Test
  void unsignedTokensAndHmacKeyedWithThePublicKeyAreRefused() throws Exception {
    JWTClaimsSet claims = TestTokens.userClaims(TestTokens.GUEST).build();
    rejected("Bearer " + new PlainJWT(claims).serialize(), "unsigned");
    SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(TestTokens.userKey().getKeyID()).build(), claims);
    hmac.sign(new MACSigner(TestTokens.userKey().toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8)));
    rejected("Bearer " + hmac.serialize(), "Another algorithm expected");
    SignedJWT noKid = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).build(), claims);
    noKid.sign(new com.nimbusds.jose.crypto.ECDSASigner(TestTokens.userKey()));
    rejected("Bearer " + noKid.serialize(), "no signing key (kid)");
  }

  @Test
  void staticExternalTokensAreAcceptedOnlyWhereTheirRestrictionsAllow() throws Exception {
    JsonNode bot = whoami(200, "Bearer " + STATIC_TOKEN);
    assertEquals("EXTERNAL", bot.get("kind").asText());
    assertEquals("external:ci-bot", bot.get("subject").asText());
    rejected("Bearer " + STATIC_TOKEN + "x", "not a known static token");
    JsonNode restricted = whoami(403, "Bearer " + CATALOG_ONLY_TOKEN);
    assertEquals("NotAllowedError", restricted.at("/error/name").asText());
    assertEquals("This token's access is restricted to plugin(s) 'catalog'", restricted.at("/error/message").asText());
  }

  @Test
  void localServiceTokensAreAcceptedForThisPluginOnly() throws Exception {
    ServiceTokens other = ServiceTokens.fromConfig(Config.of(Map.of("backend", Map.of("auth", Map.of("serviceTokens",
        Map.of("local", Map.of("privateKey", TestTokens.serviceKey().toJSONString())))))), "scaffolder");
    JsonNode caller = whoami(200, other.authorizationFor("sample"));
    assertEquals("SERVICE", caller.get("kind").asText());
    assertEquals("plugin:scaffolder", caller.get("subject").asText());
    rejected(other.authorizationFor("catalog"), "aud claim rejected");
    ServiceTokens stranger = ServiceTokens.fromConfig(Config.of(Map.of("backend", Map.of("auth", Map.of("serviceTokens",
        Map.of("local", Map.of("privateKey", TestTokens.newKey("k").toJSONString())))))), "scaffolder");
    rejected(stranger.authorizationFor("sample"), "no matching key");
  }

  @Test
  void googleIdTokensCountForTheConfiguredAudienceAndServiceAccountsOnly() throws Exception {
    JsonNode scheduler = whoami(200, "Bearer " + googleToken(SERVICE_URL, SCHEDULER));
    assertEquals("SERVICE", scheduler.get("kind").asText());
    assertEquals("plugin:scheduler", scheduler.get("subject").asText(), "each service account is a principal of its own");
    rejected("Bearer " + googleToken("https://elsewhere.a.run.app", SCHEDULER), "aud claim rejected");
    rejected("Bearer " + googleToken(SERVICE_URL, "anyone@evil.iam.gserviceaccount.com"), "service account is not one of");
  }

  @Test
  void outgoingGoogleTokensComeFromTheMetadataServer() throws Exception {
    ServiceTokens onCloudRun = ServiceTokens.fromConfig(Config.of(Map.of(
        "discovery", Map.of("endpoints", List.of(Map.of("target", SERVICE_URL + "/api/{{pluginId}}", "plugins", List.of("sample")))),
        "backend", Map.of("auth", Map.of("serviceTokens",
        Map.of("google", Map.of("audience", SERVICE_URL, "serviceAccounts", Map.of("scheduler", SCHEDULER),
            "metadataUrl", "http://127.0.0.1:" + metadata.getAddress().getPort())))))), "scaffolder");
    String authorization = onCloudRun.authorizationFor("sample");
    assertEquals("plugin:scheduler", whoami(200, authorization).get("subject").asText());
    assertEquals(authorization, onCloudRun.authorizationFor("sample"), "reused while it is fresh");
  }

  @Test
  void onCloudRunPluginIdsBecomeServiceUrlsThroughTheAudienceTemplate() throws Exception {
    // As Terraform configures every service: one template, and the callers as one variable.
    Config google = Config.of(Map.of("audienceTemplate", "https://backlot-{plugin}-7.europe-west1.run.app",
        "serviceAccounts", "scheduler=scheduler@p.iam.gserviceaccount.com, shell=backlot-shell@p.iam.gserviceaccount.com",
        "metadataUrl", "http://127.0.0.1:" + metadata.getAddress().getPort()));
    assertEquals("https://backlot-catalog-7.europe-west1.run.app", GoogleAudiences.accepted(google, "catalog"));
    assertEquals(Map.of("scheduler@p.iam.gserviceaccount.com", "scheduler", "backlot-shell@p.iam.gserviceaccount.com", "shell"),
        GoogleAudiences.serviceAccounts(google));
    // Outgoing calls find the target through discovery, as Terraform sets it: the audience is the
    // origin of the target's internal base URL, the run.app URL Cloud Run expects.
    ServiceTokens apiDocs = ServiceTokens.fromConfig(Config.of(Map.of(
        "discovery", Map.of("endpoints", List.of(Map.of(
            "target", Map.of("internal", "https://backlot-{{pluginId}}-7.europe-west1.run.app/api/{{pluginId}}"),
            "plugins", "api-docs,catalog,github"))),
        "backend", Map.of("baseUrl", "https://backlot.acme.example", "auth", Map.of("serviceTokens",
        Map.of("google", google.toJson()))))), "api-docs");
    String token = apiDocs.tokenFor("catalog");
    assertEquals(List.of("https://backlot-catalog-7.europe-west1.run.app"), SignedJWT.parse(token).getJWTClaimsSet().getAudience(),
        "a call to the catalog asks the metadata server for the catalog's URL as audience");
    assertEquals("https://elsewhere.example/x", GoogleAudiences.of(google, "https://elsewhere.example/x"), "a URL stays as it is");
  }

  @Test
  void aServiceForwardingAUsersTokenCallsAsThatUser() throws Exception {
    HttpResponse<String> response = get("/api/sample/whoami", "Authorization", "Bearer " + googleToken(SERVICE_URL, SCHEDULER),
        "X-Forwarded-Authorization", "Bearer " + TestTokens.userToken("user:default/jdoe"));
    assertEquals(200, response.statusCode(), response.body());
    assertEquals("user:default/jdoe", Json.MAPPER.readTree(response.body()).get("subject").asText());
    HttpResponse<String> forged = get("/api/sample/whoami", "Authorization", TestTokens.authorization(),
        "X-Forwarded-Authorization", "Bearer " + TestTokens.userToken("user:default/admin"));
    assertEquals(TestTokens.GUEST, Json.MAPPER.readTree(forged.body()).get("subject").asText(), "only services forward");
  }

  @Test
  void throughApiGatewayTheCallersOwnTokenDecidesAndWithoutOneNobodyGetsIn() throws Exception {
    // API Gateway calls with its own Google token and moves the caller's into X-Forwarded-Authorization.
    String gateway = "Bearer " + googleToken(SERVICE_URL, API_GATEWAY);
    HttpResponse<String> user = get("/api/sample/whoami", "Authorization", gateway,
        "X-Forwarded-Authorization", "Bearer " + TestTokens.userToken("user:default/jdoe"));
    assertEquals("user:default/jdoe", Json.MAPPER.readTree(user.body()).get("subject").asText(), user.body());
    HttpResponse<String> ciBot = get("/api/sample/whoami", "Authorization", gateway, "X-Forwarded-Authorization", "Bearer " + STATIC_TOKEN);
    assertEquals("external:ci-bot", Json.MAPPER.readTree(ciBot.body()).get("subject").asText(), "external access tokens work through the gateway");
    // A request that reached the gateway with no token carries the gateway's only.
    for (String path : List.of("/api/sample/whoami", "/api/sample/admin")) {
      HttpResponse<String> anonymous = get(path, "Authorization", gateway);
      assertEquals(401, anonymous.statusCode(), anonymous.body());
      assertEquals("AuthenticationError", Json.MAPPER.readTree(anonymous.body()).at("/error/name").asText());
    }
    HttpResponse<String> badForward = get("/api/sample/whoami", "Authorization", gateway, "X-Forwarded-Authorization", "Bearer nonsense");
    assertEquals(401, badForward.statusCode(), "a forwarded token is verified like any other");
  }

  @Test
  void adminRoutesLetAdminGroupMembersAndStaticTokensInButNoService() throws Exception {
    assertEquals(200, get("/api/sample/admin", "Authorization",
        "Bearer " + TestTokens.userToken("user:default/ops", "user:default/ops", "group:default/Platform-Team")).statusCode());
    assertEquals(200, get("/api/sample/admin", "Authorization", "Bearer " + STATIC_TOKEN).statusCode(),
        "an operator's static token may do what admins may until permissions govern it");
    HttpResponse<String> guest = get("/api/sample/admin", "Authorization", TestTokens.authorization());
    assertEquals(403, guest.statusCode());
    JsonNode refusal = Json.MAPPER.readTree(guest.body());
    assertEquals("NotAllowedError", refusal.at("/error/name").asText());
    assertEquals("Not allowed: GET /admin is for admins", refusal.at("/error/message").asText());
    assertFalse(guest.body().contains("platform-team"), "a refusal does not tell who the admins are");
    // Attack: a compromised plugin (any service principal) tries an admin route.
    assertEquals(403, get("/api/sample/admin", "Authorization", "Bearer " + googleToken(SERVICE_URL, SCHEDULER)).statusCode(),
        "services are not admins");
  }

  @Test
  void aRouteForNamedServicesRefusesEveryOtherCaller() throws Exception {
    assertEquals(200, post("/api/sample/scheduled", "", "Authorization", "Bearer " + googleToken(SERVICE_URL, SCHEDULER)).statusCode());
    ServiceTokens scaffolder = ServiceTokens.fromConfig(Config.of(Map.of("backend", Map.of("auth", Map.of("serviceTokens",
        Map.of("local", Map.of("privateKey", TestTokens.serviceKey().toJSONString())))))), "scaffolder");
    HttpResponse<String> otherService = post("/api/sample/scheduled", "", "Authorization", scaffolder.authorizationFor("sample"));
    assertEquals(403, otherService.statusCode(), "another plugin cannot call what is the scheduler's");
    assertEquals("Not allowed: POST /scheduled is for services: scheduler",
        Json.MAPPER.readTree(otherService.body()).at("/error/message").asText());
    assertEquals(403, post("/api/sample/scheduled", "", "Authorization",
        "Bearer " + TestTokens.userToken("user:default/ops", "user:default/ops", "group:default/platform-team")).statusCode(), "nor an admin");
    assertEquals(403, post("/api/sample/scheduled", "", "Authorization", "Bearer " + STATIC_TOKEN).statusCode(), "nor a static token");
  }

  /** Found by AuthorizationFuzzTest: a user token whose ent held a null reached the handler's caller as a 500. */
  @Test
  void aUserTokenWithANullOwnershipRefIs401() throws Exception {
    String token = TestTokens.sign(TestTokens.userKey(), TestTokens.userClaims("user:default/jdoe")
        .claim("ent", java.util.Arrays.asList("user:default/jdoe", null)).build());
    rejected("Bearer " + token, "ent must be a list of entity refs");
  }

  /** Found by AuthorizationFuzzTest: a signed token whose sub was null was a 500, for user and service tokens alike. */
  @Test
  void aTokenWithANullSubjectIs401() throws Exception {
    rejected("Bearer " + signedClaims(TestTokens.userKey(),
        "{\"iss\":\"" + TestTokens.ISSUER + "\",\"aud\":\"" + TestTokens.AUDIENCE + "\",\"sub\":null,\"exp\":4102444800}"), "subject");
    rejected("Bearer " + signedClaims(TestTokens.serviceKey(),
        "{\"iss\":\"" + LocalServiceKey.ISSUER + "\",\"aud\":\"sample\",\"sub\":null,\"exp\":4102444800}"), "subject");
  }

  /** {@code claims} as written, signed with {@code key} as a real token would be. */
  private static String signedClaims(ECKey key, String claims) throws Exception {
    JWSObject token = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), new Payload(claims));
    token.sign(new ECDSASigner(key));
    return token.serialize();
  }
}
