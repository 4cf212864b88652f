package dev.backlot.platform.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Signs Backlot's tokens: ES256 with the key's id in the header, as the verifiers look keys up. */
public final class Es256 {
  private Es256() {}

  /** The compact JWT of {@code claims} signed with the private {@code key}. */
  public static String sign(ECKey key, JWTClaimsSet claims) {
    SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
    try {
      token.sign(new ECDSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign with key " + key.getKeyID() + ": " + e.getMessage(), e);
    }
    return token.serialize();
  }
}
