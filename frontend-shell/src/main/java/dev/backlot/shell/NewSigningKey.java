package dev.backlot.shell;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

/**
 * Prints a fresh EC P-256 private JWK, the shape {@code backend.auth.userTokens.signingKey} takes:
 * the value of an environment's {@code backlot-user-token-signing-key} secret, and the throwaway
 * key the image's AOT training run signs with.
 */
public final class NewSigningKey {
  private NewSigningKey() {}

  public static void main(String[] args) throws JOSEException {
    System.out.println(new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate().toJSONString());
  }
}
