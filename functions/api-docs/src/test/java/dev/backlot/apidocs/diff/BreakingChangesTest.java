package dev.backlot.apidocs.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlot.apidocs.Specs;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whole definitions compared: petstore and its variants, the 3.1 case, format migrations. */
class BreakingChangesTest {
  private static DiffReport compareSpecs(String from, String to) {
    return Definitions.compare(Specs.text(from), Specs.text(to));
  }

  @Test
  void aRemovedEndpointIsBreaking() {
    DiffReport report = compareSpecs("petstore-3.0.yaml", "petstore-removed-endpoint.yaml");
    assertTrue(report.breaking());
    assertEquals("incompatible", report.result());
    Change removed = report.changes().get(0);
    assertEquals(List.of("endpoint-removed", "GET", "/pets/{petId}", true),
        List.of(removed.kind(), removed.method(), removed.path(), removed.breaking()));
    assertEquals("api-path-removed", removed.findings().get(0).rule());
    assertTrue(report.summary().contains("GET /pets/{petId}  (breaking)"), report.summary());
  }

  @Test
  void anAddedEndpointIsCompatible() {
    DiffReport report = compareSpecs("petstore-removed-endpoint.yaml", "petstore-3.0.yaml");
    assertFalse(report.breaking());
    assertEquals("endpoint-added", report.changes().get(0).kind());
  }

  @Test
  void aNewRequiredParameterIsBreaking() {
    DiffReport report = compareSpecs("petstore-3.0.yaml", "petstore-required-param.yaml");
    assertTrue(report.breaking());
    Change changed = report.changes().get(0);
    assertEquals("operation-changed", changed.kind());
    assertEquals("/pets", changed.path());
    assertTrue(changed.details().contains("query parameter 'owner': new required parameter [new-required-request-parameter, breaking]"),
        changed.details()::toString);
  }

  @Test
  void anAddedOptionalResponseFieldIsCompatible() {
    DiffReport report = compareSpecs("petstore-3.0.yaml", "petstore-optional-field.yaml");
    assertFalse(report.breaking(), report.summary());
    assertEquals("compatible", report.result());
    assertFalse(report.changes().isEmpty(), "the new field is reported");
  }

  /** The case: a 3.1 query parameter narrowed from any string to a nullable enum. */
  @Test
  void aQueryParameterNarrowedToANullableEnumIsBreaking() {
    String components = "{schemas: {TaskStatusEnum: {type: string, enum: [todo, doing, done]}}}";
    DiffReport report = Definitions.compare(Definitions.queryParameter("{type: string}", false, components),
        Definitions.queryParameter("{anyOf: [{$ref: '#/components/schemas/TaskStatusEnum'}, {type: 'null'}]}", false, components));
    assertTrue(report.breaking(), report.summary());
    Finding narrowed = Definitions.finding(report, "request-parameter-became-enum");
    assertTrue(narrowed.breaking());
    assertEquals("query parameter 'status'", narrowed.at());
    assertEquals("now restricted to \"todo\", \"doing\", \"done\"", narrowed.message());
    assertFalse(Definitions.finding(report, "request-parameter-became-nullable").breaking(), "accepting null as well breaks nobody");
    assertEquals(List.of("GET /tasks"), report.changes().stream().map(Change::subject).toList());
  }

  @Test
  void swagger2MigratedTo30IsNotBreaking() {
    DiffReport report = compareSpecs("migration-2.0.yaml", "migration-3.0.yaml");
    assertFalse(report.breaking(), report.summary());
    assertEquals("no_changes", report.result(), report.summary());
  }

  @Test
  void openApi30MigratedTo31IsNotBreakingEitherWay() {
    assertEquals("no_changes", compareSpecs("migration-3.0.yaml", "migration-3.1.yaml").result());
    assertEquals("no_changes", compareSpecs("migration-3.1.yaml", "migration-2.0.yaml").result());
  }

  @Test
  void aChangeInsideAMigrationIsStillFound() {
    String narrowed = Specs.text("migration-3.0.yaml").replace("sku: {type: string, minLength: 3, maxLength: 32}",
        "sku: {type: string, minLength: 3, maxLength: 16}");
    DiffReport report = Definitions.compare(Specs.text("migration-2.0.yaml"), narrowed);
    Finding finding = Definitions.finding(report, "request-property-max-length-decreased");
    assertTrue(finding.breaking());
    assertEquals("request body application/json: items[].sku", finding.at());
    assertEquals("POST /orders", report.changes().get(0).subject());
  }

  @Test
  void theSameDefinitionHasNoChanges() {
    byte[] petstore = Specs.bytes("petstore-2.0.json");
    DiffReport report = Definitions.compare(new String(petstore, StandardCharsets.UTF_8), new String(petstore, StandardCharsets.UTF_8));
    assertEquals("no_changes", report.result());
    assertTrue(report.changes().isEmpty());
    assertEquals("No changes.\n", report.summary());
  }
}
