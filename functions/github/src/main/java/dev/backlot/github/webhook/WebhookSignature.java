package dev.backlot.github.webhook;

import dev.backlot.platform.http.HttpError;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * GitHub's {@code X-Hub-Signature-256}: {@code sha256=} and the hex HMAC-SHA256 of the raw body
 * under the webhook's secret. Compared in constant time, so a forger learns nothing from timing.
 */
final class WebhookSignature {
  private static final String PREFIX = "sha256=";
  private final Optional<SecretKeySpec> key;

  WebhookSignature(Optional<String> secret) {
    this.key = secret.filter(s -> !s.isEmpty()).map(s -> new SecretKeySpec(s.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
  }

  /** Returns when {@code header} signs {@code body}; otherwise a 401 (a 503 when no secret is configured). */
  void verify(Optional<String> header, byte[] body) {
    SecretKeySpec secret = key.orElseThrow(() -> HttpError.serviceUnavailable(
        "github.webhookSecret is not configured, so no webhook can be verified"));
    String signature = header.orElseThrow(() -> HttpError.authenticationError("Missing X-Hub-Signature-256 header"));
    byte[] expected = (PREFIX + HexFormat.of().formatHex(hmac(secret, body))).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.US_ASCII))) {
      throw HttpError.authenticationError("X-Hub-Signature-256 does not match the body");
    }
  }

  static byte[] hmac(SecretKeySpec secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(secret);
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
