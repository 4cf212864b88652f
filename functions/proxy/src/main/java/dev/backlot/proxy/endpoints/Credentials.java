package dev.backlot.proxy.endpoints;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Backstage's {@code credentials} of a proxy endpoint: who may call it and whether the caller's token goes on. */
public enum Credentials {
  /** Signed-in callers only; their token stays here (Backstage's default). */
  REQUIRE("require"),
  /** Signed-in callers only; their Backlot token goes on to the target as {@code Authorization}. */
  FORWARD("forward"),
  /** Anyone, signed in or not. */
  DANGEROUSLY_ALLOW_UNAUTHENTICATED("dangerously-allow-unauthenticated");

  private final String configValue;

  Credentials(String configValue) {
    this.configValue = configValue;
  }

  static Credentials of(String value, String route) {
    for (Credentials credentials : values()) {
      if (credentials.configValue.equals(value)) {
        return credentials;
      }
    }
    throw new IllegalArgumentException("Unknown credentials policy '" + value + "' for proxy route '" + route + "'; expected one of "
        + Arrays.stream(values()).map(c -> "'" + c.configValue + "'").collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return configValue;
  }
}
