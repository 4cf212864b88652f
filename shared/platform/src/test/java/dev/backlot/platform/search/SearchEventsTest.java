package dev.backlot.platform.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.backlot.platform.http.Json;
import dev.backlot.testing.MovableClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Events reach a loopback search in chunks, are retried, and pause when search is away; never an exception. */
class SearchEventsTest {
  HttpServer server;
  final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
  final List<String> authorizations = new CopyOnWriteArrayList<>();
  final AtomicInteger failuresLeft = new AtomicInteger();
  volatile int failWith = 503;
  final MovableClock clock = new MovableClock(Instant.parse("2026-12-07T12:00:00Z"));

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/search/events", exchange -> {
      int status = failuresLeft.getAndDecrement() > 0 ? failWith : 200;
      if (status == 200) {
        bodies.add(Json.MAPPER.readTree(exchange.getRequestBody()));
        authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  SearchEvents events() {
    String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    return new SearchEvents("software-catalog", id -> base + id, id -> "Bearer for-" + id, clock);
  }

  @Test
  void keysGoInChunksWithTheTypeAndTheCallersToken() {
    List<String> keys = java.util.stream.IntStream.range(0, 1200).mapToObj(i -> "component:default/c" + i).toList();
    assertTrue(events().changed(keys));
    assertEquals(List.of(500, 500, 200), bodies.stream().map(body -> body.get("keys").size()).toList());
    assertEquals("software-catalog", bodies.getFirst().get("type").asText());
    assertEquals("Bearer for-search", authorizations.getFirst());
  }

  @Test
  void aPassingFailureIsRetried() {
    failuresLeft.set(2);
    assertTrue(events().changed(List.of("component:default/a")));
    assertEquals(1, bodies.size());
  }

  @Test
  void whenSearchIsAwayEventsPauseForAMinuteInsteadOfSlowingEveryWrite() {
    failuresLeft.set(100);
    SearchEvents events = events();
    assertFalse(events.changed(List.of("component:default/a")));
    int calls = 100 - failuresLeft.get();
    assertEquals(SearchEvents.ATTEMPTS, calls);
    assertFalse(events.changed(List.of("component:default/b")));
    assertEquals(calls, 100 - failuresLeft.get(), "paused: no call");
    clock.advance(SearchEvents.PAUSE.plus(Duration.ofSeconds(1)));
    failuresLeft.set(0);
    assertTrue(events.changed(List.of("component:default/c")));
  }

  @Test
  void aSearchThatIsNotDeployedIsNotAskedAgainAtOnce() {
    failWith = 404;
    failuresLeft.set(100);
    assertFalse(events().changed(List.of("component:default/a")));
    assertEquals(99, failuresLeft.get(), "a 404 is not retried");
  }

  @Test
  void withoutDiscoveryOfSearchNothingIsSent() {
    SearchEvents events = new SearchEvents("software-catalog", id -> {
      throw new dev.backlot.platform.config.ConfigException("no backend.baseUrl");
    }, id -> "x", clock);
    assertFalse(events.changed(List.of("component:default/a")));
  }
}
