package dev.backlot.github.routes;

import dev.backlot.github.webhook.CatalogFiles;
import dev.backlot.github.webhook.PushEvent;
import dev.backlot.github.webhook.OrgEvents;
import dev.backlot.github.webhook.WebhookSignature;
import dev.backlot.github.storage.SignedBodies;
import dev.backlot.github.storage.Deliveries;
import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.github.api.GitHubClients;
import dev.backlot.catalog.client.CatalogClient;
import dev.backlot.github.catalog.CatalogFileRefresh;
import dev.backlot.github.discovery.RepositoryEvents;
import dev.backlot.github.orgdata.OrgSync;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.http.Access;
import dev.backlot.platform.http.HttpError;
import dev.backlot.platform.http.Request;
import dev.backlot.platform.http.Router;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code POST /webhook}, where GitHub delivers events. GitHub cannot send a Backlot token, so this
 * one route is authenticated by its signature ({@code X-Hub-Signature-256}) instead; the body is
 * read only when that header is there, capped at {@code github.maxWebhookBytes} (5 MiB: a larger
 * {@code Content-Length} is refused before reading, a longer stream as soon as it passes the cap),
 * and a signed body already taken under another delivery id is refused as a replay. A push that touches catalog
 * files refreshes the catalog locations that read them, through the catalog's API.
 */
public final class WebhookRoutes {
  private static final Logger LOG = Logger.getLogger(WebhookRoutes.class.getName());
  private static final long DEFAULT_MAX_BYTES = 5L * 1024 * 1024;

  private final WebhookSignature signature;
  private final Deliveries deliveries;
  private final SignedBodies signedBodies;
  private final CatalogFileRefresh catalogFileRefresh;
  private final CatalogFiles catalogFiles;
  private final RepositoryEvents repositoryEvents;
  private final OrgEvents orgEvents;
  private final long maxBodyBytes;
  private final Clock clock;

  WebhookRoutes(WebhookSignature signature, Deliveries deliveries, SignedBodies signedBodies, CatalogFileRefresh catalogFileRefresh,
      CatalogFiles catalogFiles, RepositoryEvents repositoryEvents, OrgEvents orgEvents, long maxBodyBytes, Clock clock) {
    this.signature = signature;
    this.deliveries = deliveries;
    this.signedBodies = signedBodies;
    this.catalogFileRefresh = catalogFileRefresh;
    this.catalogFiles = catalogFiles;
    this.repositoryEvents = repositoryEvents;
    this.orgEvents = orgEvents;
    this.maxBodyBytes = maxBodyBytes;
    this.clock = clock;
  }

  public static WebhookRoutes fromPlugin(Plugin plugin, CatalogClient catalog, GitHubClients github, OrgSync orgSync) {
    var config = plugin.config();
    return new WebhookRoutes(
        WebhookSignature.fromConfig(config),
        new Deliveries(plugin.database()),
        new SignedBodies(plugin.database()),
        new CatalogFileRefresh(catalog),
        CatalogFiles.fromConfig(config),
        RepositoryEvents.fromConfig(config, catalog, github),
        new OrgEvents(orgSync),
        config.getOptionalLong("github.maxWebhookBytes").orElse(DEFAULT_MAX_BYTES),
        Clock.systemUTC());
  }

  public void register(Router router) {
    router.post("/webhook", Access.PUBLIC, maxBodyBytes, this::receive);
  }

  private Map<String, Object> receive(Request request) throws Exception {
    // What can be checked without the body is, first: a sender without a signature has nothing buffered.
    signature.requireSignatureHeader(request.header("X-Hub-Signature-256"));
    String event = request.header("X-GitHub-Event").orElseThrow(() -> HttpError.inputError("Missing X-GitHub-Event header"));
    String delivery = request.header("X-GitHub-Delivery").orElseThrow(() -> HttpError.inputError("Missing X-GitHub-Delivery header"));
    byte[] body = request.body();
    signature.verify(request.header("X-Hub-Signature-256"), body);
    Optional<String> replayed = signedBodies.replayed(sha256(body), delivery, clock.millis());
    if (replayed.isPresent()) {
      LOG.warning("GitHub delivery " + delivery + " (" + event + ") is a replay of delivery " + replayed.get() + "; refused");
      throw HttpError.conflict("This signed body was delivered before as " + replayed.get() + " within the last "
          + SignedBodies.REMEMBERED.toHours() + " hours; the same body under a new X-GitHub-Delivery is a replay and is not applied");
    }
    JsonNode payload = request.json();
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("delivery", delivery);
    answer.put("event", event);
    switch (deliveries.claim(delivery, event, clock.millis())) {
      case ALREADY_APPLIED -> {
        answer.put("duplicate", true);
        return answer;
      }
      // Not a 200: if the attempt under way fails, this one must show as failed to be redelivered.
      case BEING_APPLIED -> throw HttpError.conflict("Delivery " + delivery + " is being applied by another request;"
          + " redeliver it later if that one fails");
      case APPLY -> {}
    }
    try {
      answer.putAll(apply(event, payload));
    } catch (IOException | RuntimeException e) {
      // Not applied: let GitHub's redelivery (or a manual one) try again.
      deliveries.release(delivery);
      LOG.log(Level.WARNING, "GitHub delivery " + delivery + " (" + event + ") could not be applied", e);
      throw HttpError.serviceUnavailable("Delivery " + delivery + " could not be applied: " + e.getMessage());
    }
    deliveries.done(delivery);
    return answer;
  }

  private static String sha256(byte[] body) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
  }

  private Map<String, Object> apply(String event, JsonNode payload) throws IOException {
    if (event.equals("repository")) {
      return repositoryEvents.apply(payload);
    }
    if (OrgEvents.handles(event)) {
      return orgEvents.apply(event, payload);
    }
    if (!event.equals("push")) {
      // ping, and events this plugin does not act on yet, are taken and ignored.
      return Map.of("ignored", true);
    }
    Optional<PushEvent> push = PushEvent.of(payload);
    List<String> refreshed = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (String file : push.map(p -> p.catalogFileUrls(catalogFiles)).orElse(List.of())) {
      if (catalogFileRefresh.refresh(file)) {
        refreshed.add(file);
      } else {
        unknown.add(file);
      }
    }
    return Map.of("refreshed", refreshed, "notInCatalog", unknown);
  }
}
