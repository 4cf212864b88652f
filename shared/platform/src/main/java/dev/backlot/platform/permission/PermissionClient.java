package dev.backlot.platform.permission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.auth.Identity;
import dev.backlot.platform.http.HttpError;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.http.SharedHttpClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Asks the permission function, as Backstage's {@code PermissionClient} does: {@code POST
 * <permission>/authorize} with a batch of items, on this plugin's service token, the caller's own
 * token forwarded in {@code X-Forwarded-Authorization} so the policy sees the person. Decisions
 * are kept for {@link #DECISION_TTL} per principal, permission and resource ref, so a page of
 * calls from one person costs one round trip. A permission function that does not answer within
 * {@link #TIMEOUT}, or answers anything but a decision for every item, refuses the request with a
 * 503: nothing is allowed that was not decided.
 */
public final class PermissionClient {
  /** The plugin id of the permission function, as discovery names it. */
  public static final String PLUGIN_ID = "permission";
  /**
   * Names the static-token principal ({@code external:<subject>}) a decision is asked for. A static
   * token is never sent past the plugin it was presented to (it may be restricted to that plugin);
   * the permission function takes this header from services only.
   */
  public static final String DECIDE_FOR_HEADER = "X-Backlot-Decide-For";
  /**
   * With {@link #DECIDE_FOR_HEADER} naming a person ({@code user:…}): their ownership refs,
   * comma-separated, for a person a service called on behalf of without their token
   * ({@code Identity.actingService()}, {@code OnBehalfOf}).
   */
  public static final String DECIDE_FOR_OWNERSHIP_HEADER = "X-Backlot-Decide-For-Ownership";
  /** How long a decision is reused: a changed policy reaches a person within this time. */
  public static final Duration DECISION_TTL = Duration.ofSeconds(5);
  /** The one timeout of an authorize call, connecting included. */
  public static final Duration TIMEOUT = Duration.ofSeconds(5);
  /** Decisions kept at most; past it, expired ones are dropped, and all of them if none had expired. */
  static final int MAX_CACHED = 10_000;

  /** One question: may the caller do {@code permission}, on {@code resourceRef} if not null? */
  public record Item(Permission permission, String resourceRef) {}

  private record Cached(Decision decision, Instant expires) {}

  private final Supplier<String> baseUrl;
  private final Function<String, String> serviceAuthorization;
  private final Clock clock;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  PermissionClient(Supplier<String> baseUrl, Function<String, String> serviceAuthorization, Clock clock) {
    this.baseUrl = baseUrl;
    this.serviceAuthorization = serviceAuthorization;
    this.clock = clock;
  }

  /**
   * The client of {@code plugin}: the permission function found through its discovery (where
   * discovery knows none, start-up fails here, not the first request), called with its service token.
   */
  public static PermissionClient forPlugin(Plugin plugin) {
    String baseUrl = plugin.discovery().getBaseUrl(PLUGIN_ID);
    return new PermissionClient(() -> baseUrl, plugin.serviceTokens()::authorizationFor, Clock.systemUTC());
  }

  /**
   * The decision on each item for {@code caller}, whose {@code Authorization} header value
   * {@code callerAuthorization} gives (asked for only when an item is undecided, and never for a
   * static token, whose subject is named in {@link #DECIDE_FOR_HEADER} instead); undecided items
   * go in one request.
   */
  public List<Decision> authorize(Identity caller, Supplier<String> callerAuthorization, List<Item> items) {
    Instant now = clock.instant();
    Decision[] decisions = new Decision[items.size()];
    Map<String, Integer> asked = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      Cached cached = cache.get(key(caller, items.get(i)));
      if (caller.restrictions().restrictsPermissions() && !caller.restrictions().allows(items.get(i).permission())) {
        // A static token's accessRestrictions decide first, as Backstage's permissions service does: no policy may widen them.
        decisions[i] = Decision.DENY;
      } else if (cached != null && cached.expires().isAfter(now)) {
        decisions[i] = cached.decision();
      } else {
        asked.putIfAbsent(String.valueOf(asked.size()), i);
      }
    }
    if (!asked.isEmpty()) {
      Map<String, Decision> answered;
      if (caller.kind() == Identity.Kind.EXTERNAL) {
        answered = ask(Map.of(DECIDE_FOR_HEADER, caller.subject()), items, asked);
      } else if (caller.actingService() != null) {
        answered = ask(Map.of(DECIDE_FOR_HEADER, caller.subject(), DECIDE_FOR_OWNERSHIP_HEADER, String.join(",", caller.ownershipRefs())),
            items, asked);
      } else {
        answered = ask(Map.of("X-Forwarded-Authorization", callerAuthorization.get()), items, asked);
      }
      asked.forEach((id, index) -> {
        decisions[index] = answered.get(id);
        remember(key(caller, items.get(index)), answered.get(id), now);
      });
    }
    return List.of(decisions);
  }

  /** One authorize call, the caller named by {@code callerHeaders}: the person's token forwarded, or a principal named. */
  private Map<String, Decision> ask(Map<String, String> callerHeaders, List<Item> items, Map<String, Integer> asked) {
    ObjectNode body = Json.object();
    ArrayNode list = body.putArray("items");
    asked.forEach((id, index) -> {
      ObjectNode item = list.addObject().put("id", id);
      item.set("permission", Json.MAPPER.valueToTree(items.get(index).permission()));
      if (items.get(index).resourceRef() != null) {
        item.put("resourceRef", items.get(index).resourceRef());
      }
    });
    HttpResponse<byte[]> response;
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl.get() + "/authorize"))
          .timeout(TIMEOUT)
          .header("Content-Type", "application/json")
          .header("Authorization", serviceAuthorization.apply(PLUGIN_ID));
      callerHeaders.forEach(request::header);
      response = SharedHttpClient.get().send(request.POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body))).build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw unavailable("did not answer: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("was interrupted");
    }
    if (response.statusCode() != 200) {
      throw unavailable("answered " + response.statusCode());
    }
    Map<String, Decision> answered = new HashMap<>();
    try {
      for (JsonNode item : Json.MAPPER.readTree(response.body()).path("items")) {
        answered.put(item.path("id").asText(), decision(item));
      }
    } catch (IOException | IllegalArgumentException e) {
      throw unavailable("answered what is not a decision: " + e.getMessage());
    }
    if (!answered.keySet().containsAll(asked.keySet())) {
      throw unavailable("left items undecided");
    }
    return answered;
  }

  private static Decision decision(JsonNode item) {
    return switch (item.path("result").asText()) {
      case "ALLOW" -> Decision.ALLOW;
      case "DENY" -> Decision.DENY;
      case "CONDITIONAL" -> Decision.conditional(item.path("pluginId").asText(), item.path("resourceType").asText(),
          PermissionCriteria.read(item.get("conditions")));
      default -> throw new IllegalArgumentException("result " + item.path("result"));
    };
  }

  private void remember(String key, Decision decision, Instant now) {
    if (cache.size() >= MAX_CACHED) {
      cache.values().removeIf(cached -> !cached.expires().isAfter(now));
      if (cache.size() >= MAX_CACHED) {
        cache.clear();
      }
    }
    cache.put(key, new Cached(decision, now.plus(DECISION_TTL)));
  }

  private static String key(Identity caller, Item item) {
    return caller.kind() + "\n" + caller.subject() + "\n" + (caller.actingService() == null ? "" : String.join(",", caller.ownershipRefs()))
        + "\n" + item.permission().name() + "\n" + (item.resourceRef() == null ? "" : item.resourceRef());
  }

  private static HttpError unavailable(String what) {
    return HttpError.serviceUnavailable("The permission service " + what + "; the request is refused until it decides");
  }
}
