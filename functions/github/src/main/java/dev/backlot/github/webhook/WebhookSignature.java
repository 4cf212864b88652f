package dev.backlot.github.webhook;

import dev.backlot.platform.config.Config;
import dev.backlot.platform.http.HttpError;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * GitHub's {@code X-Hub-Signature-256}: {@code sha256=} and the hex HMAC-SHA256 of the raw body
 * under the webhook's secret. Several secrets may be configured, since an organisation's webhook
 * and a GitHub App's deliveries are signed with their own; the body must be signed with one of
 * them. Each is compared in constant time, so a forger learns nothing from timing.
 */
public final class WebhookSignature {
  private static final String PREFIX = "sha256=";
  private static final Pattern SHAPE = Pattern.compile("sha256=[0-9a-fA-F]{64}");
  private final List<SecretKeySpec> keys;

  WebhookSignature(List<String> secrets) {
    this.keys = secrets.stream().filter(s -> s != null && !s.isEmpty())
        .map(s -> new SecretKeySpec(s.getBytes(StandardCharsets.UTF_8), "HmacSHA256")).toList();
  }

  /** github.webhookSecret and the webhookSecret of every GitHub App in integrations.github. */
  public static WebhookSignature fromConfig(Config config) {
    List<String> secrets = new ArrayList<>();
    config.getOptionalString("github.webhookSecret").ifPresent(secrets::add);
    for (Config integration : config.getOptionalConfigList("integrations.github").orElse(List.of())) {
      for (Config app : integration.getOptionalConfigList("apps").orElse(List.of())) {
        app.getOptionalString("webhookSecret").ifPresent(secrets::add);
      }
    }
    return new WebhookSignature(secrets);
  }

  /**
   * Returns when {@code header} could sign a body: a secret is configured (else a 503) and the
   * header has a signature's shape (else a 401). Checked before the body is read, so that a sender
   * without even that has nothing buffered.
   */
  public void requireSignatureHeader(Optional<String> header) {
    if (keys.isEmpty()) {
      throw HttpError.serviceUnavailable("Neither github.webhookSecret nor a GitHub App's webhookSecret is configured, "
          + "so no webhook can be verified");
    }
    String signature = header.orElseThrow(() -> HttpError.authenticationError("Missing X-Hub-Signature-256 header")).trim();
    if (!SHAPE.matcher(signature).matches()) {
      throw HttpError.authenticationError("X-Hub-Signature-256 is not sha256= and 64 hex digits");
    }
  }

  /** Returns when {@code header} signs {@code body}; otherwise a 401 (a 503 when no secret is configured). */
  public void verify(Optional<String> header, byte[] body) {
    requireSignatureHeader(header);
    byte[] signature = header.get().trim().getBytes(StandardCharsets.US_ASCII);
    boolean signed = false;
    for (SecretKeySpec key : keys) {
      // Every key is tried, so the time taken does not tell which one matched.
      signed |= MessageDigest.isEqual((PREFIX + HexFormat.of().formatHex(hmac(key, body))).getBytes(StandardCharsets.US_ASCII), signature);
    }
    if (!signed) {
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
