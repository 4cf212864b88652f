package dev.backlot.platform.cache;

import dev.backlot.platform.config.Config;
import dev.backlot.platform.config.ConfigException;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * How to reach Redis, from Backstage's {@code backend.cache}: {@code connection} is the URL, with
 * {@code rediss://} for TLS and the password in it ({@code rediss://:<password>@host:port}), as
 * Backstage's Redis store reads it; {@code redis.client.socket.ca} (node-redis's socket option,
 * under Backstage's {@code redis.client.socket}) is the PEM of the CA(s) to trust instead of the
 * JVM's, such as a Memorystore instance's own server CA.
 *
 * <p>The server's certificate must chain to that CA; its name is not checked (Jedis' default), as
 * Memorystore's certificates name the instance's IP address in their common name only, and its CA
 * certifies that one instance and nothing else.
 */
final class RedisConnection {
  static final String CA_KEY = "backend.cache.redis.client.socket.ca";

  private final URI url;
  private final SSLSocketFactory trustingCa;

  private RedisConnection(URI url, SSLSocketFactory trustingCa) {
    this.url = url;
    this.trustingCa = trustingCa;
  }

  /** A URL alone: TLS with the JVM's trusted CAs when it is {@code rediss://}. */
  static RedisConnection of(String url) {
    return new RedisConnection(URI.create(url), null);
  }

  /** From the {@code backend.cache} config; a CA without {@code rediss://} is refused rather than ignored. */
  static RedisConnection fromConfig(Config cache) {
    URI url = URI.create(cache.getString("connection"));
    Optional<String> ca = cache.getOptionalString("redis.client.socket.ca").filter(pem -> !pem.isBlank());
    if (ca.isPresent() && !JedisURIHelper.isRedisSSLScheme(url)) {
      throw new ConfigException(CA_KEY + " is set, but backend.cache.connection is not a rediss:// (TLS) URL");
    }
    return new RedisConnection(url, ca.map(RedisConnection::trusting).orElse(null));
  }

  /** A client for the URL: its password, database and TLS, and the configured CA when there is one. */
  RedisClient open() {
    DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder(url).ssl(JedisURIHelper.isRedisSSLScheme(url));
    if (trustingCa != null) {
      config.sslSocketFactory(trustingCa);
    }
    return RedisClient.builder().hostAndPort(JedisURIHelper.getHostAndPort(url)).clientConfig(config.build()).build();
  }

  private static SSLSocketFactory trusting(String pem) {
    try {
      Collection<? extends Certificate> certificates =
          CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
      if (certificates.isEmpty()) {
        throw new ConfigException(CA_KEY + " holds no PEM certificate");
      }
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      int i = 0;
      for (Certificate certificate : certificates) {
        trusted.setCertificateEntry("ca-" + i++, certificate);
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, trust.getTrustManagers(), null);
      return tls.getSocketFactory();
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new ConfigException(CA_KEY + " is not a PEM certificate: " + e.getMessage(), e);
    }
  }
}
