package dev.backlot.apidocs.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlot.apidocs.Specs;
import dev.backlot.apidocs.validation.DefinitionValidator;
import dev.backlot.apidocs.validation.Limits;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Petstore and its variants compared: what breaks clients and what does not. */
class BreakingChangesTest {
  private static final DefinitionValidator VALIDATOR = new DefinitionValidator(Limits.DEFAULT);
  private final BreakingChanges breakingChanges = new BreakingChanges();

  private DiffReport compare(String from, String to) {
    return breakingChanges.compare(VALIDATOR.openApi(Specs.bytes(from)), VALIDATOR.openApi(Specs.bytes(to)));
  }

  @Test
  void aRemovedEndpointIsBreaking() {
    DiffReport report = compare("petstore-3.0.yaml", "petstore-removed-endpoint.yaml");
    assertTrue(report.breaking());
    assertEquals("incompatible", report.result());
    Change removed = report.changes().get(0);
    assertEquals(List.of("endpoint-removed", "GET", "/pets/{petId}", true),
        List.of(removed.kind(), removed.method(), removed.path(), removed.breaking()));
    assertTrue(report.summary().contains("/pets/{petId}"), report.summary());
  }

  @Test
  void anAddedEndpointIsCompatible() {
    DiffReport report = compare("petstore-removed-endpoint.yaml", "petstore-3.0.yaml");
    assertFalse(report.breaking());
    assertEquals("endpoint-added", report.changes().get(0).kind());
  }

  @Test
  void aNewRequiredParameterIsBreaking() {
    DiffReport report = compare("petstore-3.0.yaml", "petstore-required-param.yaml");
    assertTrue(report.breaking());
    Change changed = report.changes().get(0);
    assertEquals("operation-changed", changed.kind());
    assertEquals("/pets", changed.path());
    assertTrue(changed.details().contains("parameter added: query 'owner' (required)"), changed.details()::toString);
  }

  @Test
  void anAddedOptionalResponseFieldIsCompatible() {
    DiffReport report = compare("petstore-3.0.yaml", "petstore-optional-field.yaml");
    assertFalse(report.breaking(), report.summary());
    assertTrue(report.changes().stream().noneMatch(Change::breaking), report.changes()::toString);
    assertFalse(report.changes().isEmpty(), "the new field is reported");
  }

  @Test
  void swagger2ComparesWithItsOpenApi3Conversion() {
    DiffReport report = compare("petstore-2.0.json", "petstore-2.0.json");
    assertFalse(report.breaking());
    assertEquals("no_changes", report.result());
    assertTrue(report.changes().isEmpty());
  }
}
