package dev.backlot.github.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * Sends github-api's requests with java.net.http as Backlot calls GitHub everywhere: a time
 * limit to connect and one on the answer (github-api's own connector waits for ever, and a call
 * runs inside a request with a deadline), under Backlot's user agent.
 */
final class TimedHttpConnector implements GitHubConnector {
  private final HttpClient client;
  private final Duration answerTimeout;

  /** With {@code client}, which should limit the time to connect. */
  TimedHttpConnector(HttpClient client, Duration answerTimeout) {
    this.client = client;
    this.answerTimeout = answerTimeout;
  }

  @Override
  public GitHubConnectorResponse send(GitHubConnectorRequest request) throws IOException {
    HttpRequest.Builder builder;
    try {
      builder = HttpRequest.newBuilder(request.url().toURI()).timeout(answerTimeout);
    } catch (URISyntaxException e) {
      throw new IOException("not a URL: " + request.url(), e);
    }
    request.allHeaders().forEach((name, values) -> {
      if (values != null) {
        builder.setHeader(name, String.join(", ", values));
      }
    });
    if (request.header("User-Agent") == null) {
      builder.setHeader("User-Agent", "backlot-github");
    }
    InputStream body = request.hasBody() ? request.body() : null;
    builder.method(request.method(), body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(body.readAllBytes()));
    try {
      return new Response(request, client.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while calling " + request.url());
    }
  }

  private static final class Response extends GitHubConnectorResponse.ByteArrayResponse {
    private final HttpResponse<InputStream> response;

    Response(GitHubConnectorRequest request, HttpResponse<InputStream> response) {
      super(request, response.statusCode(), response.headers().map());
      this.response = response;
    }

    @Override
    protected InputStream rawBodyStream() {
      return response.body();
    }

    @Override
    public void close() throws IOException {
      super.close();
      response.body().close();
    }
  }
}
