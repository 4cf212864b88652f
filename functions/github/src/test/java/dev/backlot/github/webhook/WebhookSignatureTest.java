package dev.backlot.github.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backlot.platform.config.Config;
import dev.backlot.platform.http.HttpError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
  /** The test vector of GitHub's "Validating webhook deliveries" page. */
  private static final String SECRET = "It's a Secret to Everybody";
  private static final byte[] PAYLOAD = "Hello, World!".getBytes(StandardCharsets.UTF_8);
  private static final String SIGNATURE = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

  private final WebhookSignature signature = new WebhookSignature(List.of(SECRET));

  @Test
  void githubsDocumentedExampleVerifies() {
    signature.verify(Optional.of(SIGNATURE), PAYLOAD);
  }

  @Test
  void aMissingWrongOrOtherAlgorithmSignatureIs401() {
    assertEquals(401, assertThrows(HttpError.class, () -> signature.verify(Optional.empty(), PAYLOAD)).status());
    assertEquals(401, assertThrows(HttpError.class, () -> signature.verify(Optional.of(SIGNATURE.replace("757", "758")), PAYLOAD)).status());
    assertEquals(401, assertThrows(HttpError.class, () -> signature.verify(Optional.of(SIGNATURE), "Hello, World?".getBytes(StandardCharsets.UTF_8))).status());
    assertEquals(401, assertThrows(HttpError.class, () -> signature.verify(Optional.of("sha1=01dc10d0c83e72ed246219cdd91669667fe2ca59"), PAYLOAD)).status());
  }

  @Test
  void aGitHubAppsWebhookSecretVerifiesBesideTheOrganisationsOne() {
    WebhookSignature both = WebhookSignature.fromConfig(Config.of(Map.of(
        "github", Map.of("webhookSecret", "the organisation's hook secret"),
        "integrations", Map.of("github", List.of(Map.of("host", "github.com",
            "apps", List.of(Map.of("appId", 1, "privateKey", "unused here", "webhookSecret", SECRET))))))));

    both.verify(Optional.of(SIGNATURE), PAYLOAD);
    assertEquals(401, assertThrows(HttpError.class, () -> both.verify(Optional.of(SIGNATURE.replace("757", "758")), PAYLOAD)).status());
    assertEquals(401, assertThrows(HttpError.class,
        () -> WebhookSignature.fromConfig(Config.of(Map.of("github", Map.of("webhookSecret", "another secret"))))
            .verify(Optional.of(SIGNATURE), PAYLOAD)).status(), "a secret that did not sign it");
  }

  @Test
  void withoutASecretNothingVerifies() {
    HttpError e = assertThrows(HttpError.class, () -> new WebhookSignature(List.of()).verify(Optional.of(SIGNATURE), PAYLOAD));
    assertEquals(503, e.status());
  }
}
