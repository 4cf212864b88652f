package dev.backlot.shell;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.platform.auth.ServiceTokens;
import dev.backlot.platform.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the catalog User behind an SSO email by asking the catalog through the gateway, as the
 * shell itself (a service token), and reads the identity off it: its ref, and the groups its
 * {@code memberOf} relations name.
 */
public final class CatalogUsers {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final String gatewayUrl;
  private final ServiceTokens serviceTokens;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  public CatalogUsers(String gatewayUrl, ServiceTokens serviceTokens) {
    this.gatewayUrl = gatewayUrl.replaceAll("/+$", "");
    this.serviceTokens = serviceTokens;
  }

  /** The identity of the User selected by {@code resolver} for {@code email}; empty when the catalog has none. */
  public Optional<ShellIdentity> find(SignInSettings.Resolver resolver, String email) throws IOException {
    return switch (resolver) {
      case emailMatchingUserEntityProfileEmail -> first(get("/api/catalog/entities?filter="
          + encode("kind=user,spec.profile.email=" + email)));
      case emailLocalPartMatchingUserEntityName -> Optional.ofNullable(get("/api/catalog/entities/by-name/user/default/"
          + encode(email.substring(0, Math.max(0, email.indexOf('@'))).toLowerCase(Locale.ROOT))))
          .map(CatalogUsers::identityOf);
    };
  }

  private JsonNode get(String pathAndQuery) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl + pathAndQuery)).timeout(TIMEOUT)
        .header("Accept", "application/json")
        .header("Authorization", serviceTokens.authorizationFor("catalog"))
        .build();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while asking the catalog", e);
    }
    if (response.statusCode() == 404) {
      return null;
    }
    if (response.statusCode() != 200) {
      throw new IOException("the catalog answered " + response.statusCode() + " to " + pathAndQuery);
    }
    return Json.MAPPER.readTree(response.body());
  }

  private static Optional<ShellIdentity> first(JsonNode entities) {
    if (entities == null || !entities.isArray() || entities.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(identityOf(entities.get(0)));
  }

  static ShellIdentity identityOf(JsonNode user) {
    JsonNode metadata = user.path("metadata");
    String ref = "user:" + metadata.path("namespace").asText("default").toLowerCase(Locale.ROOT) + "/"
        + metadata.path("name").asText().toLowerCase(Locale.ROOT);
    List<String> ownership = new ArrayList<>(List.of(ref));
    for (JsonNode relation : user.path("relations")) {
      String target = relation.path("targetRef").asText("");
      if (relation.path("type").asText().equals("memberOf") && !target.isEmpty() && !ownership.contains(target)) {
        ownership.add(target);
      }
    }
    return new ShellIdentity(ref, ownership);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
