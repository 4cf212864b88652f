package dev.backlot.scaffolder.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.config.ConfigException;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.http.SharedHttpClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * One HTTP Cloud Task per scaffolder task ({@code POST <apiUrl>/v2/<queue>/tasks}, Cloud Tasks'
 * REST API): a {@code POST <workerUrl>/v2/tasks/:id/work} that Cloud Tasks makes with an OIDC
 * token of {@code serviceAccountEmail} for {@code audience} (the scaffolder's Cloud Run URL, which
 * its Google-token verification expects). Called with the instance's access token from the
 * metadata server, kept until a minute before it expires.
 *
 * <pre>
 * scaffolder:
 *   cloudTasks:
 *     queue: projects/p/locations/europe-west1/queues/scaffolder-tasks
 *     workerUrl: https://backlot-scaffolder-….run.app/api/scaffolder
 *     serviceAccountEmail: scheduler@p.iam.gserviceaccount.com   # a service the worker route admits
 *     audience: https://backlot-scaffolder-….run.app              # default: workerUrl's origin
 * </pre>
 */
final class CloudTasksQueue implements TaskQueue {
  static final String API_URL = "https://cloudtasks.googleapis.com";
  static final String METADATA_URL = "http://metadata.google.internal";
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Pattern QUEUE = Pattern.compile("projects/[a-z0-9-]+/locations/[a-z0-9-]+/queues/[A-Za-z0-9-]+");
  private static final Logger LOG = Logger.getLogger(CloudTasksQueue.class.getName());

  private final String apiUrl;
  private final String metadataUrl;
  private final String queue;
  private final String workerUrl;
  private final String serviceAccountEmail;
  private final String audience;
  private final Clock clock;
  private String accessToken;
  private Instant accessTokenExpires = Instant.MIN;

  CloudTasksQueue(String apiUrl, String metadataUrl, String queue, String workerUrl, String serviceAccountEmail, String audience, Clock clock) {
    this.apiUrl = apiUrl.replaceAll("/+$", "");
    this.metadataUrl = metadataUrl.replaceAll("/+$", "");
    this.queue = queue;
    this.workerUrl = workerUrl.replaceAll("/+$", "");
    this.serviceAccountEmail = serviceAccountEmail;
    this.audience = audience;
    this.clock = clock;
  }

  static CloudTasksQueue fromConfig(Config tasks) {
    String queue = tasks.getString("queue");
    if (!QUEUE.matcher(queue).matches()) {
      throw new ConfigException("scaffolder.cloudTasks.queue must be projects/<project>/locations/<location>/queues/<queue>, not " + queue);
    }
    String workerUrl = tasks.getString("workerUrl");
    URI worker = URI.create(workerUrl);
    String origin = worker.getScheme() + "://" + worker.getAuthority();
    return new CloudTasksQueue(tasks.getOptionalString("apiUrl").orElse(API_URL), tasks.getOptionalString("metadataUrl").orElse(METADATA_URL),
        queue, workerUrl, tasks.getString("serviceAccountEmail"), tasks.getOptionalString("audience").orElse(origin), Clock.systemUTC());
  }

  @Override
  public void enqueue(String taskId) {
    ObjectNode body = Json.object();
    ObjectNode http = body.putObject("task").putObject("httpRequest");
    http.put("httpMethod", "POST").put("url", workerUrl + "/v2/tasks/" + taskId + "/work");
    http.putObject("oidcToken").put("serviceAccountEmail", serviceAccountEmail).put("audience", audience);
    try {
      HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(apiUrl + "/v2/" + queue + "/tasks"))
          .header("Authorization", "Bearer " + accessToken()).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body))));
      if (response.statusCode() / 100 != 2) {
        LOG.warning("Cloud Tasks answered " + response.statusCode() + " for task " + taskId + "; the scheduler's worker call will run it");
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot enqueue task " + taskId + "; the scheduler's worker call will run it", e);
    }
  }

  /** The instance's access token, from the metadata server, reused until a minute before it expires. */
  private synchronized String accessToken() throws IOException {
    if (accessToken == null || clock.instant().isAfter(accessTokenExpires)) {
      HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(metadataUrl
          + "/computeMetadata/v1/instance/service-accounts/default/token")).header("Metadata-Flavor", "Google").GET());
      if (response.statusCode() != 200) {
        throw new IOException("the metadata server answered " + response.statusCode() + " for an access token");
      }
      JsonNode token = Json.MAPPER.readTree(response.body());
      accessToken = token.path("access_token").asText();
      accessTokenExpires = clock.instant().plusSeconds(Math.max(0, token.path("expires_in").asLong(0) - 60));
    }
    return accessToken;
  }

  private static HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException {
    try {
      return SharedHttpClient.get().send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
