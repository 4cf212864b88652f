package dev.backlot.github.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.github.orgdata.OrgSync;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code membership}, {@code team} and {@code organization} events re-sync the teams and
 * memberships of the organisation they concern. Not a delta from the payload: a member added
 * needs their name and email from {@code GET /users/{login}}, a team deleted or moved changes its
 * children's parent and every member's memberOf (which no payload lists), and GitHub may deliver
 * events out of order. A fresh read sent as a full mutation is always right, and the catalog
 * rewrites only the entities that changed; profiles the catalog has are reused (see {@link OrgSync}).
 */
public final class OrgEvents {
  private static final Map<String, Set<String>> ACTIONS = Map.of(
      "membership", Set.of("added", "removed"),
      "team", Set.of("created", "deleted", "edited"),
      "organization", Set.of("member_added", "member_removed"));

  private final OrgSync sync;

  public OrgEvents(OrgSync sync) {
    this.sync = sync;
  }

  public static boolean handles(String event) {
    return ACTIONS.containsKey(event);
  }

  /** Re-syncs the event's organisation; throws when that fails, so GitHub's redelivery can try again. */
  public Map<String, Object> apply(String event, JsonNode payload) throws IOException {
    String action = payload.path("action").asText("");
    if (!ACTIONS.get(event).contains(action)) {
      return Map.of("ignored", true, "reason", event + "." + action + " does not change teams or members");
    }
    String organization = payload.path("organization").path("login").asText("");
    String host = host(payload.path("organization").path("url").asText(""));
    Optional<OrgSync.Outcome> outcome = sync.syncMemberships(host, organization);
    if (outcome.isEmpty()) {
      return Map.of("ignored", true, "reason", host + "/" + organization + " is not in github.orgs");
    }
    if (outcome.get().error() != null) {
      throw new IOException(outcome.get().error());
    }
    return Map.of("orgSync", outcome.get());
  }

  /** The GitHub host an organisation's API URL belongs to: api.github.com is github.com's. */
  private static String host(String apiUrl) {
    String host;
    try {
      host = apiUrl.isEmpty() ? "github.com" : Optional.ofNullable(URI.create(apiUrl).getHost()).orElse("github.com");
    } catch (IllegalArgumentException e) {
      // Not a URL: no configured organisation lives there, and a redelivery would not change that.
      return "";
    }
    return host.equalsIgnoreCase("api.github.com") ? "github.com" : host;
  }
}
