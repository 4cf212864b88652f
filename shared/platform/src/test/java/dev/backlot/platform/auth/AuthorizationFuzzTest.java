package dev.backlot.platform.auth;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.http.HttpError;
import dev.backlot.testing.FuzzSeeds;
import dev.backlot.testing.TestTokens;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code Authorization} headers from anyone on the internet, checked with the user-token issuer,
 * the local service key and static tokens configured: the caller is identified, or refused with a
 * 401 (or a 403 for a static token restricted to another plugin), never anything else. The first
 * byte picks the form: the header as sent, a bearer token, or claims signed with the user or the
 * service key, so the fuzzer also reaches what happens after a valid signature.
 */
class AuthorizationFuzzTest {
  private static Authenticator authenticator;

  @BeforeAll
  static void configure() {
    authenticator = Authenticator.fromConfig(Config.of(TestTokens.withAuth(Map.of("backend", Map.of("auth", Map.of(
        "externalAccess", List.of(
            Map.of("type", "static", "options", Map.of("token", "s3cr3t-static-token", "subject", "ci-bot")),
            Map.of("type", "static", "options", Map.of("token", "catalog-only-token", "subject", "importer"),
                "accessRestrictions", List.of(Map.of("plugin", "catalog"))))))))), "sample");
  }

  static Stream<byte[]> headers() {
    String claims = "{\"iss\":\"backlot-test\",\"aud\":\"backlot\",\"sub\":\"user:default/jdoe\",\"exp\":4102444800,"
        + "\"ent\":[\"user:default/jdoe\",\"group:default/payments\"]}";
    return Stream.of(
        FuzzSeeds.choosing(0, "Basic dXNlcjpwYXNz"),
        FuzzSeeds.choosing(1, "s3cr3t-static-token"),
        FuzzSeeds.choosing(1, "catalog-only-token"),
        FuzzSeeds.choosing(1, TestTokens.userToken("user:default/jdoe")),
        FuzzSeeds.choosing(2, claims),
        FuzzSeeds.choosing(2, claims.replace("\"user:default/jdoe\",", "42,")),
        FuzzSeeds.choosing(2, claims.replace("\"user:default/jdoe\",\"group:default/payments\"", "null")),
        FuzzSeeds.choosing(2, claims.replace("\"group:default/payments\"", "null")),
        FuzzSeeds.choosing(2, claims.replace("\"sub\":\"user:default/jdoe\"", "\"sub\":null")),
        FuzzSeeds.choosing(2, claims.replace("\"sub\":\"user:default/jdoe\"", "\"sub\":{}")),
        FuzzSeeds.choosing(3, "{\"iss\":\"backlot-service\",\"aud\":\"sample\",\"sub\":\"plugin:catalog\",\"exp\":4102444800}"),
        FuzzSeeds.choosing(3, "{\"iss\":\"backlot-service\",\"aud\":\"sample\",\"sub\":null,\"exp\":4102444800}"));
  }

  @MethodSource("headers")
  @FuzzTest
  @SuppressWarnings("try") // The scope that allows loopback connections is used only by being open.
  void aCallerIsIdentifiedOrRefusedWith401Or403(byte[] input) throws JOSEException {
    if (input.length == 0) {
      return;
    }
    byte[] rest = Arrays.copyOfRange(input, 1, input.length);
    String authorization = switch (input[0] & 3) {
      case 0 -> new String(rest, StandardCharsets.UTF_8);
      case 1 -> "Bearer " + new String(rest, StandardCharsets.UTF_8);
      case 2 -> "Bearer " + signed(TestTokens.userKey(), rest);
      default -> "Bearer " + signed(TestTokens.serviceKey(), rest);
    };
    // The user keys are fetched from the loopback JWKS server, as from the shell's in production.
    try (var loopback = BugDetectors.allowNetworkConnections((host, port) -> host.equals("localhost") || host.equals("127.0.0.1"))) {
      authenticator.identify(authorization);
    } catch (HttpError e) {
      if (e.status() != 401 && e.status() != 403) {
        throw e;
      }
    }
  }

  /** {@code claims} (whatever the bytes) signed as a real token of {@code key} would be. */
  private static String signed(ECKey key, byte[] claims) throws JOSEException {
    JWSObject token = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), new Payload(claims));
    token.sign(new ECDSASigner(key));
    return token.serialize();
  }
}
