package dev.backlot.platform.config;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The local stand-in for Secret Manager: secret {@code github-webhook-secret} is read from the
 * environment variable {@code GITHUB_WEBHOOK_SECRET}. Versions are ignored.
 */
public final class EnvironmentSecretSource implements SecretSource {
  private final Function<String, String> environment;

  public EnvironmentSecretSource(Function<String, String> environment) {
    this.environment = environment;
  }

  public static String variableName(String secretId) {
    return secretId.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
  }

  @Override
  public Optional<String> get(String secretId, String version) {
    return Optional.ofNullable(environment.apply(variableName(secretId)));
  }
}
