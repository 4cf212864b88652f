package dev.backlot.github.webhook;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.backlot.github.GitHubFunction;
import dev.backlot.github.TestGitHubPlugin;
import dev.backlot.platform.config.Config;
import dev.backlot.testing.FuzzSeeds;
import dev.backlot.testing.InProcessHttp;
import dev.backlot.testing.TestTokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code POST /webhook} deliveries: the first byte picks the event, the second whether the body
 * is signed with the webhook secret (so the payload is parsed) or the rest of the input is the
 * signature header. Every answer is a success or a 4xx; a 503 only when the catalog could not be
 * reached (it is a closed loopback port here), never for a payload the plugin failed to read.
 */
class WebhookFuzzTest {
  private static final String SECRET = "webhook-fuzz-secret";
  private static final List<String> EVENTS = List.of("push", "repository", "membership", "team", "organization", "ping");
  private static final AtomicLong DELIVERIES = new AtomicLong();
  private static GitHubFunction github;

  @BeforeAll
  static void start() throws Exception {
    github = TestGitHubPlugin.function(Config.of(TestTokens.withAuth(Map.of(
        "backend", Map.of("baseUrl", "http://127.0.0.1:9"),
        "github", Map.of("webhookSecret", SECRET, "maxWebhookBytes", 64 * 1024)))));
    InProcessHttp.quietLogs();
  }

  static Stream<byte[]> deliveries() throws IOException {
    String dir = "src/test/resources/github/";
    return Stream.of(
        signed("push", dir + "push.json"),
        signed("repository", dir + "repository-created.json"),
        signed("repository", dir + "repository-renamed.json"),
        signed("repository", dir + "repository-transferred.json"),
        signed("membership", dir + "membership-added.json"),
        signed("team", dir + "team-deleted.json"),
        signed("organization", dir + "organization-member_added.json"),
        input("membership", 0, "{\"action\":\"added\",\"organization\":{\"login\":\"octo-org\",\"url\":\"https://api.github.com/orgs/octo-org\"}}"
            .getBytes(StandardCharsets.UTF_8)),
        unsigned("ping", "sha256=00ff"));
  }

  private static byte[] signed(String event, String file) {
    return input(event, 0, FuzzSeeds.files(file).findFirst().orElseThrow());
  }

  private static byte[] unsigned(String event, String signature) {
    return input(event, 1, signature.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] input(String event, int unsigned, byte[] rest) {
    byte[] input = new byte[rest.length + 2];
    input[0] = (byte) EVENTS.indexOf(event);
    input[1] = (byte) unsigned;
    System.arraycopy(rest, 0, input, 2, rest.length);
    return input;
  }

  @MethodSource("deliveries")
  @FuzzTest
  @SuppressWarnings("try") // The scope that allows loopback connections is used only by being open.
  void aDeliveryIsAppliedOrRefusedForWhatItIs(byte[] input) throws Exception {
    if (input.length < 2) {
      return;
    }
    String event = EVENTS.get(Math.floorMod(input[0], EVENTS.size()));
    byte[] rest = Arrays.copyOfRange(input, 2, input.length);
    boolean signed = (input[1] & 1) == 0;
    byte[] body = signed ? rest : "{}".getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("X-GitHub-Event", event);
    headers.put("X-GitHub-Delivery", "fuzz-" + DELIVERIES.incrementAndGet());
    headers.put("X-Hub-Signature-256", signed
        ? "sha256=" + HexFormat.of().formatHex(WebhookSignature.hmac(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"), body))
        : new String(rest, StandardCharsets.UTF_8));
    InProcessHttp.Answer answer;
    // A push asks the catalog (a closed loopback port) which entities read the files it changed.
    try (var loopback = BugDetectors.allowNetworkConnections((host, port) -> host.equals("localhost") || host.equals("127.0.0.1"))) {
      answer = InProcessHttp.send(github, "POST", "/api/github/webhook", Map.of(), headers, body);
    }
    boolean catalogUnreachable = answer.status() == 503 && answer.logged() instanceof IOException;
    if (answer.status() >= 500 && !catalogUnreachable) {
      throw new AssertionError(event + " delivery answered " + answer.status() + ": " + answer.text(), answer.logged());
    }
  }
}
