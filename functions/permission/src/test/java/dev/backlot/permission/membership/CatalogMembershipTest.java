package dev.backlot.permission.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlot.catalog.client.CatalogClient;
import dev.backlot.permission.CatalogStandIn;
import dev.backlot.platform.auth.ServiceTokens;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.discovery.Discovery;
import dev.backlot.testing.MovableClock;
import dev.backlot.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Group membership read from a catalog over HTTP: direct groups, every ancestor, cycles, and the short cache. */
class CatalogMembershipTest {
  private final CatalogStandIn catalog;
  private final MovableClock clock = new MovableClock(Instant.parse("2026-12-07T12:00:00Z"));
  private final CatalogMembership membership;

  CatalogMembershipTest() throws Exception {
    catalog = new CatalogStandIn();
    Config config = Config.of(TestTokens.withAuth(Map.of("backend", Map.of("baseUrl", catalog.baseUrl()))));
    membership = new CatalogMembership(CatalogClient.create(Discovery.fromConfig(config), ServiceTokens.fromConfig(config, "permission")), clock);
  }

  @AfterEach
  void stop() {
    catalog.close();
  }

  @Test
  void aUserIsInItsGroupsAndEveryAncestorOfThem() throws Exception {
    catalog.user("user:default/jdoe", "group:default/team-a", "group:default/guild")
        .group("group:default/team-a", "group:default/engineering")
        .group("group:default/engineering", "group:default/acme")
        .group("group:default/acme")
        .group("group:default/guild");

    assertEquals(Set.of("group:default/team-a", "group:default/guild", "group:default/engineering", "group:default/acme"),
        membership.groupsOf("user:default/jdoe"));
    assertEquals(4, catalog.byRefsCalls(), "the user, then one call per level of groups: team-a and guild, engineering, acme");
    assertTrue(catalog.authorizations.stream().allMatch(a -> a.startsWith("Bearer ")), "called with the plugin's service token");
  }

  @Test
  void aCycleOfParentGroupsEnds() throws Exception {
    catalog.user("user:default/jdoe", "group:default/a").group("group:default/a", "group:default/b").group("group:default/b", "group:default/a");

    assertEquals(Set.of("group:default/a", "group:default/b"), membership.groupsOf("user:default/jdoe"));
  }

  @Test
  void aUserTheCatalogLacksIsInNoGroup() throws Exception {
    assertEquals(Set.of(), membership.groupsOf("user:default/nobody"));
  }

  @Test
  void groupsAreKeptForTheTtlThenReadAgain() throws Exception {
    catalog.user("user:default/jdoe", "group:default/a").group("group:default/a");
    membership.groupsOf("user:default/jdoe");
    int calls = catalog.byRefsCalls();
    catalog.user("user:default/jdoe", "group:default/b").group("group:default/b");

    assertEquals(Set.of("group:default/a"), membership.groupsOf("User:default/JDoe"), "cached, refs compared case-insensitively");
    assertEquals(calls, catalog.byRefsCalls());
    clock.advance(CatalogMembership.TTL.plus(Duration.ofMillis(1)));
    assertEquals(Set.of("group:default/b"), membership.groupsOf("user:default/jdoe"));
  }
}
