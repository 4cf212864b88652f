package dev.backlot.github.api;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubBuilder;

/** github-api's requests through Backlot's connector, against WireMock playing GitHub. */
class TimedHttpConnectorTest {
  private final WireMockServer server = new WireMockServer(options().dynamicPort());

  @BeforeEach
  void start() {
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private GitHub github(Duration answerTimeout) throws IOException {
    return new GitHubBuilder().withEndpoint(server.baseUrl()).withConnector(new TimedHttpConnector(java.net.http.HttpClient.newHttpClient(), answerTimeout)).build();
  }

  @Test
  void requestsCarryGitHubsHeadersAndBacklotsUserAgent() throws IOException {
    server.stubFor(get(urlEqualTo("/users/mona")).willReturn(okJson("""
        {"login":"mona","id":1,"type":"User","name":"Mona Lisa Octocat","created_at":"2011-01-25T18:44:36Z"}""")));

    assertEquals("Mona Lisa Octocat", github(Duration.ofSeconds(5)).getUser("mona").getName());

    server.verify(getRequestedFor(urlEqualTo("/users/mona")).withHeader("User-Agent", equalTo("backlot-github"))
        .withHeader("Accept", equalTo("application/vnd.github+json")).withHeader("X-GitHub-Api-Version", equalTo("2022-11-28")));
  }

  @Test
  void anAnswerThatDoesNotComeInTimeFailsTheCall() throws IOException {
    server.stubFor(get(urlEqualTo("/users/mona")).willReturn(okJson("{\"login\":\"mona\"}").withFixedDelay(5_000)));
    GitHub github = github(Duration.ofMillis(200));

    IOException e = assertThrows(IOException.class, () -> github.getUser("mona"));

    Throwable cause = e;
    while (cause != null && !(cause instanceof java.net.http.HttpTimeoutException)) {
      cause = cause.getCause();
    }
    assertTrue(cause != null, "the answer's time limit ended the call: " + e);
    assertTrue(GitHubFailure.of("user mona", e).getMessage().startsWith("user mona: "), e.toString());
  }
}
