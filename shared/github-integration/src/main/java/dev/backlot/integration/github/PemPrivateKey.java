package dev.backlot.integration.github;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An RSA private key from PEM text. GitHub hands out PKCS#1 ({@code BEGIN RSA PRIVATE KEY});
 * {@code openssl pkcs8} makes PKCS#8 ({@code BEGIN PRIVATE KEY}). The JDK reads only PKCS#8, so a
 * PKCS#1 key is wrapped in the PKCS#8 structure first. Keys pasted into an environment variable
 * often carry literal {@code \n}; those are read as line breaks.
 */
final class PemPrivateKey {
  private static final String PKCS1 = "RSA PRIVATE KEY";
  private static final String PKCS8 = "PRIVATE KEY";
  /** AlgorithmIdentifier { rsaEncryption, NULL } and the version 0 that precede a PKCS#1 key in PKCS#8. */
  private static final byte[] VERSION_AND_RSA_ALGORITHM = HexFormat.of().parseHex("020100300d06092a864886f70d0101010500");

  private PemPrivateKey() {}

  static RSAPrivateKey parse(String pem, String what) {
    String text = pem.replace("\\n", "\n").trim();
    String type = text.startsWith("-----BEGIN " + PKCS1 + "-----") ? PKCS1
        : text.startsWith("-----BEGIN " + PKCS8 + "-----") ? PKCS8 : null;
    if (type == null) {
      throw new IllegalArgumentException(what + " is not a PEM private key (BEGIN RSA PRIVATE KEY or BEGIN PRIVATE KEY)");
    }
    int end = text.indexOf("-----END " + type + "-----");
    if (end < 0) {
      throw new IllegalArgumentException(what + " has no END " + type + " line");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(text.substring(("-----BEGIN " + type + "-----").length(), end));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " is not valid base64 PEM: " + e.getMessage(), e);
    }
    try {
      byte[] pkcs8 = type.equals(PKCS1) ? wrapInPkcs8(der) : der;
      return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new IllegalArgumentException(what + " is not an RSA private key: " + e.getMessage(), e);
    }
  }

  /** PrivateKeyInfo ::= SEQUENCE { version 0, AlgorithmIdentifier rsaEncryption, OCTET STRING pkcs1 }. */
  private static byte[] wrapInPkcs8(byte[] pkcs1) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(VERSION_AND_RSA_ALGORITHM);
    body.writeBytes(tagged(0x04, pkcs1));
    return tagged(0x30, body.toByteArray());
  }

  private static byte[] tagged(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int length = content.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      int bytes = length > 0xFFFF ? 3 : length > 0xFF ? 2 : 1;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(length >>> (8 * i));
      }
    }
    out.writeBytes(content);
    return out.toByteArray();
  }
}
