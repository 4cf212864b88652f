package dev.backlot.apidocs.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Definitions are user input: reference cycles, references that multiply paths exponentially and
 * deep nesting must cost a bounded amount of work, ending in a report or a refusal, never in a
 * hang, a stack overflow or an exhausted heap.
 */
class HostileDefinitionsTest {
  /** Levels of components, each naming the next one twice: 2^levels paths through 3 KB of YAML. */
  private static String exponential(int levels, String leafType) {
    StringBuilder schemas = new StringBuilder("{");
    for (int i = 0; i < levels; i++) {
      schemas.append("L").append(i).append(": {type: object, properties: {left: {$ref: '#/components/schemas/L").append(i + 1)
          .append("'}, right: {$ref: '#/components/schemas/L").append(i + 1).append("'}}}, ");
    }
    schemas.append("L").append(levels).append(": {type: ").append(leafType).append("}}");
    return Definitions.openApi31("{responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/L0'}}}}}}",
        "{schemas: " + schemas + "}");
  }

  @Test
  void aSelfReferencingSchemaIsComparedUntilItsCycleCloses() {
    String tree = "{schemas: {Node: {type: object, properties: {name: {type: string}, children: {type: array, items: {$ref: '#/components/schemas/Node'}}}}}}";
    String changed = tree.replace("name: {type: string}", "name: {type: integer}");
    DiffReport report = Definitions.compare(Definitions.openApi31("{responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Node'}}}}}}", tree),
        Definitions.openApi31("{responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Node'}}}}}}", changed));
    Finding typeChanged = Definitions.finding(report, "response-property-type-changed");
    assertTrue(typeChanged.breaking());
    assertEquals("response 200 application/json: name", typeChanged.at());
    // Once at the top, once as a nested property (its rules are named differently there); then the cycle closes.
    assertEquals(List.of("response 200 application/json: name", "response 200 application/json: children[].name"),
        report.changes().get(0).findings().stream().map(Finding::at).toList());
  }

  @Test
  void referencesThatMultiplyPathsExponentiallyAreComparedInLinearWork() {
    // 2^60 paths: unbounded walking would never end; each pair of components is compared once.
    DiffReport unchanged = new BreakingChanges(new DiffBudget(10_000, 200, 200))
        .compare(Definitions.read(exponential(60, "string")), Definitions.read(exponential(60, "string")));
    assertFalse(unchanged.breaking());
    assertEquals("no_changes", unchanged.result());

    DiffReport changed = new BreakingChanges(new DiffBudget(100_000, 200, 200))
        .compare(Definitions.read(exponential(60, "string")), Definitions.read(exponential(60, "integer")));
    assertTrue(changed.breaking());
    Change operation = changed.changes().get(0);
    assertEquals(200, operation.findings().size(), "findings are capped per operation");
    assertTrue(operation.omitted() > 0, "the ones beyond the cap are counted");
  }

  @Test
  void referenceChainsThatLoopAreRefused() {
    String loop = "{schemas: {A: {$ref: '#/components/schemas/B'}, B: {$ref: '#/components/schemas/A'}}}";
    String older = Definitions.openApi31("{responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/A'}}}}}}", loop);
    // A loop of bare references resolves to nothing: the chain is cut, not followed for ever.
    assertThrows(DiffTooLargeException.class, () -> Definitions.compare(older, older.replace("description: ok", "description: fine")));
  }

  @Test
  void nestingDeeperThanTheBudgetIsRefused() {
    StringBuilder schemas = new StringBuilder("{");
    for (int i = 0; i < 100; i++) {
      schemas.append("D").append(i).append(": {type: object, properties: {next: {$ref: '#/components/schemas/D").append(i + 1).append("'}}}, ");
    }
    schemas.append("D100: {type: string}}");
    String older = Definitions.openApi31("{responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/D0'}}}}}}",
        "{schemas: " + schemas + "}");
    DiffTooLargeException refused = assertThrows(DiffTooLargeException.class,
        () -> Definitions.compare(older, older.replace("D100: {type: string}", "D100: {type: integer}")));
    assertTrue(refused.getMessage().contains("64 levels"), refused.getMessage());
  }

  @Test
  void workBeyondTheBudgetIsRefused() {
    StringBuilder wide = new StringBuilder("{type: object, properties: {");
    for (int i = 0; i < 2_000; i++) {
      wide.append("p").append(i).append(": {type: string}, ");
    }
    String big = Definitions.response(wide.append("last: {type: string}}}").toString());
    DiffTooLargeException refused = assertThrows(DiffTooLargeException.class,
        () -> new BreakingChanges(new DiffBudget(1_000, 64, 200)).compare(Definitions.read(big), Definitions.read(big)));
    assertTrue(refused.getMessage().contains("more than 1000 steps"), refused.getMessage());
  }
}
