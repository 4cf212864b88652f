package dev.backlot.catalog.ingestion;

import dev.backlot.catalog.storage.RefreshLeases;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.http.SharedHttpClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A fan-out's units as requests to the catalog's own {@code POST /refresh/location}, at its
 * internal URL (discovery: in GCP its own Cloud Run URL, which spreads them over instances up to
 * maxInstances; locally the gateway), with the catalog's own service identity. Parallel requests
 * rather than Cloud Tasks: the claim and its retry already live in the database (leases), and
 * they need no queue, no extra IAM and no local stand-in.
 */
public final class SelfRequests implements RefreshFanOut.Units {
  /** The unit-of-work route, relative to the catalog's base URL. */
  public static final String PATH = "/refresh/location";

  private final URI unit;
  private final Supplier<String> authorization;

  public SelfRequests(String catalogBaseUrl, Supplier<String> authorization) {
    this.unit = URI.create(catalogBaseUrl.replaceAll("/+$", "") + PATH);
    this.authorization = authorization;
  }

  @Override
  public Optional<LocationRefresh.Outcome> refresh(RefreshLeases.Lease lease, Duration timeout) throws Exception {
    byte[] body = Json.bytes(Map.of("type", lease.location().type(), "target", lease.location().target(), "lease", lease.owner()));
    HttpRequest request = HttpRequest.newBuilder(unit).timeout(timeout)
        .header("Authorization", authorization.get())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    // The shared client is built at the first unit, not at start-up (SharedHttpClient says why).
    HttpResponse<byte[]> response = SharedHttpClient.get().send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() == 409) {
      return Optional.empty();
    }
    if (response.statusCode() != 200) {
      throw new IllegalStateException(unit + " answered " + response.statusCode() + ": " + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
    }
    return Optional.of(Json.MAPPER.readValue(response.body(), LocationRefresh.Outcome.class));
  }
}
