package dev.backlot.catalog.ingestion.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.catalog.ingestion.LocationSpec;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.config.ConfigException;
import dev.backlot.platform.http.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Backstage's DefaultCatalogRulesEnforcer semantics: which kinds come from which origin locations. */
class CatalogRulesTest {
  private static final LocationSpec REGISTERED = new LocationSpec("url", "https://github.com/acme/payments/blob/main/catalog-info.yaml");

  private static ObjectNode entity(String kind, String specType) {
    ObjectNode entity = Json.MAPPER.createObjectNode().put("kind", kind);
    entity.putObject("metadata").put("name", "x");
    if (specType != null) {
      entity.putObject("spec").put("type", specType);
    }
    return entity;
  }

  private static CatalogRules rules(Map<String, Object> catalog) {
    return CatalogRules.fromConfig(Config.of(Map.of("catalog", catalog)), target -> "/etc/backlot/" + target);
  }

  @Test
  void theDefaultAllowsComponentsApisAndLocationsFromAnywhereAndNothingElse() {
    for (CatalogRules rules : List.of(CatalogRules.defaults(), rules(Map.of()))) {
      assertTrue(rules.allows(entity("Component", null), REGISTERED));
      assertTrue(rules.allows(entity("api", null), REGISTERED), "kinds compare ignoring case");
      assertTrue(rules.allows(entity("LOCATION", null), new LocationSpec("file", "/x.yaml")));
      for (String kind : List.of("User", "Group", "System", "Domain", "Resource", "Template")) {
        assertFalse(rules.allows(entity(kind, null), REGISTERED), kind);
      }
    }
  }

  @Test
  void catalogRulesReplaceTheDefaultAndAnEmptyListAllowsNothing() {
    CatalogRules rules = rules(Map.of("rules", List.of(Map.of("allow", List.of("Component", "System")))));
    assertTrue(rules.allows(entity("System", null), REGISTERED));
    assertFalse(rules.allows(entity("API", null), REGISTERED), "the default no longer applies");
    assertFalse(rules(Map.of("rules", List.of())).allows(entity("Component", null), REGISTERED));
  }

  @Test
  void aRuleMayNameASpecTypeAndLimitItselfToLocationsByTypeExactTargetOrPattern() {
    CatalogRules rules = rules(Map.of("rules", List.of(
        Map.of("allow", List.of("Component", Map.of("kind", "Resource", "spec.type", "database"))),
        Map.of("allow", List.of("Template"), "locations", List.of(Map.of("type", "url", "pattern", "https://github.com/acme/*/blob/main/template.yaml"))),
        Map.of("allow", List.of("Group"), "locations", List.of(Map.of("type", "url", "exact", "https://github.com/acme/org/blob/main/groups.yaml"))))));
    assertTrue(rules.allows(entity("Resource", "Database"), REGISTERED), "spec.type compares ignoring case");
    assertFalse(rules.allows(entity("Resource", "bucket"), REGISTERED));
    assertFalse(rules.allows(entity("Resource", null), REGISTERED));
    assertTrue(rules.allows(entity("Template", null), new LocationSpec("url", "https://github.com/ACME/tools/blob/main/template.yaml")));
    assertFalse(rules.allows(entity("Template", null), new LocationSpec("url", "https://github.com/acme/a/b/blob/main/template.yaml")),
        "* stays within a path segment");
    assertFalse(rules.allows(entity("Template", null), new LocationSpec("file", "https://github.com/acme/tools/blob/main/template.yaml")),
        "the type must match");
    assertTrue(rules.allows(entity("Group", null), new LocationSpec("url", "https://github.com/acme/org/blob/main/groups.yaml")));
    assertFalse(rules.allows(entity("Group", null), new LocationSpec("url", "https://github.com/acme/org/blob/main/groups.yaml?x")));
    assertFalse(rules.allows(entity("Group", null), REGISTERED));
  }

  @Test
  void aConfigLocationsOwnRulesAddToTheGlobalOnesForThatLocationAlone() {
    CatalogRules rules = rules(Map.of("locations", List.of(
        Map.of("type", "file", "target", "org.yaml", "rules", List.of(Map.of("allow", List.of("User", "Group")))),
        Map.of("type", "url", "target", "https://github.com/acme/org/blob/main/users.yaml", "rules", List.of(Map.of("allow", List.of("User")))),
        Map.of("type", "file", "target", "other.yaml"))));
    assertTrue(rules.allows(entity("User", null), new LocationSpec("file", "/etc/backlot/org.yaml")), "a file target is made canonical");
    assertTrue(rules.allows(entity("Component", null), new LocationSpec("file", "/etc/backlot/org.yaml")), "the default still applies");
    assertFalse(rules.allows(entity("User", null), new LocationSpec("file", "org.yaml")));
    assertFalse(rules.allows(entity("User", null), new LocationSpec("file", "/etc/backlot/other.yaml")));
    assertTrue(rules.allows(entity("User", null), new LocationSpec("url", "https://github.com/acme/org/blob/main/users.yaml")));
    assertFalse(rules.allows(entity("Group", null), new LocationSpec("url", "https://github.com/acme/org/blob/main/users.yaml")));
    assertFalse(rules.allows(entity("User", null), REGISTERED));
  }

  @Test
  void patternsMatchAsBackstagesMinimatchMatchesWithNocaseAndDot() {
    // pattern, target, and what minimatch 10 answers with {nocase: true, dot: true}.
    String answers = """
        https://github.com/acme/**/catalog-info.yaml https://github.com/acme/catalog-info.yaml true
        https://github.com/acme/**/catalog-info.yaml https://github.com/acme/a/blob/main/deep/catalog-info.yaml true
        https://github.com/acme/**/catalog-info.yaml https://github.com/acme/.github/catalog-info.yaml true
        https://github.com/acme/**/catalog-info.yaml https://github.com/acme/../evil/catalog-info.yaml false
        https://github.com/acme/**/catalog-info.yaml https://github.com/other/catalog-info.yaml false
        https://github.com/acme/{payments,billing}/blob/*/catalog-info.y?ml https://github.com/acme/billing/blob/main/catalog-info.yaml true
        https://github.com/acme/{payments,billing}/blob/*/catalog-info.y?ml https://github.com/acme/payments/blob/x/catalog-info.yxml true
        https://github.com/acme/{payments,billing}/blob/*/catalog-info.yaml https://github.com/acme/shipping/blob/main/catalog-info.yaml false
        https://github.com/acme/{payments,billing}/blob/*/catalog-info.yaml https://github.com/acme/payments/blob//catalog-info.yaml false
        https://github.com/acme/{payments,billing}/blob/*/catalog-info.yaml https://github.com/acme/payments/blob/../catalog-info.yaml false
        https://github.com/acme/[a-c]*/blob/main/x.yaml https://github.com/acme/Billing/blob/main/x.yaml true
        https://github.com/acme/[!a-c]*/blob/main/x.yaml https://github.com/acme/billing/blob/main/x.yaml false
        !https://github.com/acme/** https://github.com/evil/acme/x.yaml true
        !https://github.com/acme/** https://github.com/acme/x.yaml false
        https://github.com/acme/\\*/x.yaml https://github.com/acme/*/x.yaml true
        https://github.com/acme/\\*/x.yaml https://github.com/acme/a/x.yaml false
        https:///github.com//acme/x.yaml https://github.com/acme/x.yaml true
        #https://github.com/acme/x.yaml #https://github.com/acme/x.yaml false
        **/ALL.yaml /tmp/junit/x/all.yaml true
        /*/all.yaml /tmp/junit/x/all.yaml false
        https://github.com/acme/*/blob/main/template.yaml https://github.com/ACME/tools/blob/main/template.yaml true
        https://github.com/acme/*/blob/main/template.yaml https://github.com/acme/a/b/blob/main/template.yaml false
        https://x/* https://x/ false
        https://x/a https://x/a/ true
        https://x/a/** https://x/a false
        https://x/{a} https://x/{a} true
        https://x/* https://x/. false
        https://x/? https://x/. false
        https://x/.* https://x/.. false
        https://x/a?b https://x/a?b true
        https://x/file.yaml?ref=main https://x/file.yaml?ref=main true
        https://x/.? https://x/.. false
        https://x/** https://x/.. false
        https://x/**/a https://x/./a false
        https://x/a/** https://x/a/ true
        https://x/a/** https://x/a/b/c true
        https://x/** https://x/.hidden/y true
        https://x/*.{yaml,yml} https://x/c.YML true
        https://x/{a,{b,c}d}e https://x/cde true
        https://x/a{,b} https://x/a true
        https://x/[]a] https://x/] true
        https://x/[a-] https://x/- true
        https://x/[\\]] https://x/] true
        https://x/a[ https://x/a[ true
        https://x/${a,b} https://x/${a,b} true
        https://x/\\{a,b} https://x/{a,b} true
        !!https://x/a https://x/a true
        * https://x false
        ** https://x/a true
        https://x/a*b https://x/ab true
        https://x/*a https://x/.a true
        !#a #a false
        !#a b true
        """;
    answers.lines().map(String::trim).filter(line -> !line.isEmpty()).forEach(line -> {
      String[] row = line.split(" ");
      assertEquals(Boolean.parseBoolean(row[2]), Glob.compile(row[0]).matches(row[1]), line);
    });
  }

  @Test
  void rulesThatCannotMeanWhatTheySayAreRefusedWhenTheConfigIsRead() {
    Map<Map<String, Object>, String> wrong = Map.of(
        Map.of("rules", List.of(Map.of("allow", "User"))), "catalog.rules[0].allow must be a list of kinds",
        Map.of("rules", List.of(Map.of("allow", List.of(Map.of("type", "x"))))), "catalog.rules[0].allow has {\"type\":\"x\"}; each item is a kind or {kind, spec.type}",
        Map.of("rules", List.of(Map.of("allow", List.of("User"), "locations", List.of(Map.of("type", "url", "exact", "a", "pattern", "b"))))),
        "A catalog rule location cannot have both exact and pattern values (catalog.rules[0].locations[0])",
        Map.of("rules", List.of(Map.of("allow", List.of("User"), "locations", List.of(Map.of("type", "url", "target", "https://x/users.yaml"))))),
        "catalog.rules[0].locations[0] has 'target'; a rule's location has type, and exact or pattern",
        Map.of("rules", List.of(Map.of("allow", List.of("User"), "locations", List.of(Map.of("type", "url", "pattern", "https://x/+(a|b).yaml"))))),
        "The catalog rule pattern 'https://x/+(a|b).yaml' uses an extended glob (+(...)), which Backlot does not read",
        Map.of("rules", List.of(Map.of("allow", List.of("User"), "locations", List.of(Map.of("type", "url", "pattern", "https://x/{1..3}.yaml"))))),
        "The catalog rule pattern has a brace sequence {1..3}, which Backlot does not read; list the alternatives",
        Map.of("rules", List.of(Map.of("allow", List.of("User"), "locations", List.of(Map.of("type", "url", "pattern", "https://x/[[:alpha:]].yaml"))))),
        "The catalog rule pattern 'https://x/[[:alpha:]].yaml' uses a POSIX character class ([:name:]), which Backlot does not read");
    wrong.forEach((catalog, message) -> assertEquals(message, assertThrows(ConfigException.class, () -> rules(catalog)).getMessage()));
    ConfigException objects = assertThrows(ConfigException.class, () -> rules(Map.of("locations", List.of(
        Map.of("type", "file", "target", "org.yaml", "rules", List.of(Map.of("allow", List.of(Map.of("kind", "User")))))))));
    assertTrue(objects.getMessage().contains("catalog.locations[0].rules[0].allow[0]"), "a location's rules allow kinds by name only, as in Backstage: "
        + objects.getMessage());
  }
}
