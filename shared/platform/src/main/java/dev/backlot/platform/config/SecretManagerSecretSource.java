package dev.backlot.platform.config;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretVersionName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Reads secrets from Google Secret Manager. The client is created on first use, so a function
 * whose config holds no {@code $secret} never loads gRPC; values are cached for the process.
 */
public final class SecretManagerSecretSource implements SecretSource, AutoCloseable {
  private final String project;
  private final Supplier<SecretManagerServiceClient> clientFactory;
  private final Map<String, Optional<String>> cache = new ConcurrentHashMap<>();
  private SecretManagerServiceClient client;

  public SecretManagerSecretSource(String project, Supplier<SecretManagerServiceClient> clientFactory) {
    this.project = project;
    this.clientFactory = clientFactory;
  }

  /** Uses application default credentials: the service's own identity on Cloud Run. */
  public static SecretManagerSecretSource forProject(String project) {
    return new SecretManagerSecretSource(project, () -> {
      try {
        return SecretManagerServiceClient.create();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the Secret Manager client", e);
      }
    });
  }

  @Override
  public Optional<String> get(String secretId, String version) {
    return cache.computeIfAbsent(secretId + "@" + version, unused -> fetch(secretId, version));
  }

  private Optional<String> fetch(String secretId, String version) {
    SecretVersionName name = SecretVersionName.of(project, secretId, version);
    try {
      return Optional.of(client().accessSecretVersion(name).getPayload().getData().toStringUtf8());
    } catch (ApiException e) {
      if (e.getStatusCode().getCode() == StatusCode.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw new ConfigException("cannot read secret " + name + ": " + e.getStatusCode().getCode() + " " + e.getMessage(), e);
    }
  }

  private synchronized SecretManagerServiceClient client() {
    if (client == null) {
      client = clientFactory.get();
    }
    return client;
  }

  @Override
  public synchronized void close() {
    if (client != null) {
      client.close();
    }
  }
}
