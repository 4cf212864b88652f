package dev.backlot.shell;

import dev.backlot.local.oidc.LocalTls;
import java.nio.file.Path;

/**
 * The local OIDC provider's certificate, trusted by this JVM's default SSL context. That context is
 * made once, by whatever first needs it, with the trust store named at that moment: every test that
 * starts a shell here names the same one first, whichever runs first.
 */
final class LocalProviderTrust {
  private LocalProviderTrust() {}

  static synchronized LocalTls certificate() {
    LocalTls tls = LocalTls.in(Path.of("target", "sign-in-test", "tls").toAbsolutePath());
    System.setProperty("javax.net.ssl.trustStore", tls.truststore().toString());
    System.setProperty("javax.net.ssl.trustStorePassword", LocalTls.PASSWORD);
    System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
    return tls;
  }
}
