package dev.backlot.testing;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A GitHub App for tests: an RSA key generated when the test runs (no key file is committed),
 * its private key as PEM in both forms GitHub users hold, and GitHub's answers to
 * {@code GET /app/installations} and {@code POST /app/installations/{id}/access_tokens}.
 */
public final class TestGitHubApp {
  public static final String APP_ID = "271828";

  private final KeyPair keys;

  public TestGitHubApp() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      this.keys = generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public RSAPublicKey publicKey() {
    return (RSAPublicKey) keys.getPublic();
  }

  /** {@code BEGIN PRIVATE KEY}: what {@code openssl pkcs8 -topk8} gives. */
  public String pkcs8Pem() {
    return pem("PRIVATE KEY", keys.getPrivate().getEncoded());
  }

  /** {@code BEGIN RSA PRIVATE KEY}: what GitHub's "Generate a private key" downloads. */
  public String pkcs1Pem() {
    byte[] pkcs8 = keys.getPrivate().getEncoded();
    // A 2048-bit PrivateKeyInfo: SEQUENCE header (4), version (3), AlgorithmIdentifier (15),
    // OCTET STRING header (4), then the PKCS#1 RSAPrivateKey.
    return pem("RSA PRIVATE KEY", Arrays.copyOfRange(pkcs8, 26, pkcs8.length));
  }

  /** {@code GET /app/installations}: one installation per owner, ids 1000, 1001, ... */
  public static String installations(String... owners) {
    return IntStream.range(0, owners.length).mapToObj(i -> """
        {"id":%d,"account":{"login":"%s","id":%d,"type":"Organization","site_admin":false},
         "repository_selection":"all","access_tokens_url":"https://api.github.com/app/installations/%d/access_tokens",
         "app_id":%s,"app_slug":"backlot","target_id":%d,"target_type":"Organization",
         "permissions":{"contents":"read","metadata":"read","members":"read"},"events":["push","repository"],
         "created_at":"2026-01-05T10:00:00Z","updated_at":"2026-01-05T10:00:00Z","suspended_at":null}"""
        .formatted(1000 + i, owners[i], 5000 + i, 1000 + i, APP_ID, 5000 + i))
        .collect(Collectors.joining(",", "[", "]"));
  }

  /** {@code POST /app/installations/{id}/access_tokens}, 201. */
  public static String accessToken(String token, Instant expiresAt) {
    return """
        {"token":"%s","expires_at":"%s","permissions":{"contents":"read","metadata":"read"},"repository_selection":"all"}"""
        .formatted(token, expiresAt);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
