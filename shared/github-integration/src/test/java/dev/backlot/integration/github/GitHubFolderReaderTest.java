package dev.backlot.integration.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.backlot.platform.cache.MemoryCache;
import dev.backlot.platform.config.Config;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reading a whole folder within a caller's limits (the scaffolder's skeletons), against a WireMock GitHub. */
class GitHubFolderReaderTest {
  private static final String ROOT = "9fb037999f264ba9a7cd8274d15fa3ae2ab98312";
  private final WireMockServer github = new WireMockServer(options().dynamicPort());
  private GitHubFolderReader reader;

  @BeforeEach
  void start() {
    github.start();
    reader = new GitHubFolderReader(GitHubCredentials.fromConfig(Config.of(Map.of("integrations", Map.of("github",
        List.of(Map.of("host", "github.com", "apiBaseUrl", github.baseUrl())))))), new MemoryCache(10, Duration.ofMinutes(1)), "backlot-test",
        Clock.systemUTC());
    github.stubFor(get(urlEqualTo("/repos/acme/skeletons/git/trees/main")).willReturn(okJson("{\"sha\":\"" + ROOT + "\",\"tree\":[]}")));
    github.stubFor(get(urlEqualTo("/repos/acme/skeletons/git/trees/" + ROOT + "?recursive=1")).willReturn(okJson("""
        {"sha":"%s","truncated":false,"tree":[
          {"path":"src","mode":"040000","type":"tree","sha":"1111111111111111111111111111111111111111"},
          {"path":"src/App.java","mode":"100644","type":"blob","sha":"2222222222222222222222222222222222222222","size":3},
          {"path":"README.md","mode":"100644","type":"blob","sha":"3333333333333333333333333333333333333333","size":3}]}""".formatted(ROOT))));
    for (String[] blob : new String[][] {{"2222222222222222222222222222222222222222", "abc"}, {"3333333333333333333333333333333333333333", "# x"}}) {
      github.stubFor(get(urlEqualTo("/repos/acme/skeletons/git/blobs/" + blob[0])).withHeader("Accept", equalTo("application/vnd.github.raw+json"))
          .willReturn(aResponse().withStatus(200).withBody(blob[1])));
    }
  }

  @AfterEach
  void stop() {
    github.stop();
  }

  private GitHubFolderReader.Folder root() throws IOException {
    return reader.locate(GitHubUrl.parse("https://github.com/acme/skeletons/tree/main").orElseThrow());
  }

  @Test
  void aFolderWithinItsLimitsIsReadWhole() throws Exception {
    Map<String, byte[]> files = reader.read(root(), 2, 6);

    assertEquals(List.of("README.md", "src/App.java"), List.copyOf(files.keySet()));
    assertArrayEquals("abc".getBytes(StandardCharsets.UTF_8), files.get("src/App.java"));
  }

  @Test
  void aFolderOverItsByteOrFileLimitIsRefusedBeforeAnyFileIsRead() throws Exception {
    IOException bytes = assertThrows(IOException.class, () -> reader.read(root(), 2, 5));
    IOException count = assertThrows(IOException.class, () -> reader.read(root(), 1, 6));

    assertTrue(bytes.getMessage().contains("more than 5 bytes"), bytes.getMessage());
    assertTrue(count.getMessage().contains("more than 1 files"), count.getMessage());
    assertEquals(0, github.findAll(getRequestedFor(urlPathMatching(".*/git/blobs/.*"))).size(), "no blob was read");
  }
}
