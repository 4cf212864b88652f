package dev.backlot.apidocs.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Shapes published definitions have that small examples lack: references to any schema-valued
 * place (PagerDuty's {@code #/components/parameters/<p>/schema}), path items and parameters by
 * reference, percent-encoded pointers, 3.1 operations without responses, boolean schemas,
 * external references (compared by their text, never fetched).
 */
class RealWorldShapesTest {
  private static final String COMPONENTS = """
      components:
        parameters:
          limit: {name: limit, in: query, schema: {type: integer, maximum: 100}}
          statuses:
            name: statuses[]
            in: query
            schema: {type: array, items: {type: string, enum: [triggered, acknowledged, resolved]}}
        schemas:
          Incident: {type: object, properties: {status: {$ref: '#/components/parameters/statuses/schema/items'}, extra: true}}
      """;

  private static String pagerDutyLike(String statusValues, String limitMaximum) {
    return ("""
        openapi: 3.1.0
        info: {title: Incidents, version: '2'}
        paths:
          /incidents:
            $ref: '#/x-path-items/incidents'
          /incidents/{id}/notes:
            post:
              requestBody: {content: {application/json: {schema: {$ref: 'https://example.com/schemas/note.json'}}}}
        x-path-items:
          incidents:
            get:
              parameters:
                - $ref: '#/components/parameters/limit'
                - $ref: '#/components/parameters/statuses'
                - {name: since, in: query, schema: {$ref: '#/components/parameters/statuses/schema/items'}}
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: {type: array, items: {$ref: '#/components/schemas/Incident'}}
        """ + COMPONENTS).replace("[triggered, acknowledged, resolved]", statusValues).replace("maximum: 100", "maximum: " + limitMaximum);
  }

  @Test
  void theSameRealWorldDefinitionHasNoChanges() {
    DiffReport report = Definitions.compare(pagerDutyLike("[triggered, acknowledged, resolved]", "100"),
        pagerDutyLike("[triggered, acknowledged, resolved]", "100"));
    assertEquals("no_changes", report.result(), report.summary());
  }

  @Test
  void changesBehindReferencesToAnySchemaValuedPlaceAreFound() {
    DiffReport report = Definitions.compare(pagerDutyLike("[triggered, acknowledged, resolved]", "100"),
        pagerDutyLike("[triggered, acknowledged, resolved, snoozed]", "25"));
    assertTrue(report.breaking(), report.summary());
    assertTrue(Definitions.finding(report, "request-parameter-max-decreased").breaking());
    assertFalse(Definitions.finding(report, "request-parameter-enum-value-added").breaking());
    Finding response = Definitions.finding(report, "response-property-enum-value-added");
    assertTrue(response.breaking());
    assertEquals("response 200 application/json: [].status", response.at());
  }

  @Test
  void anExternalReferenceComparesByItsText() {
    String before = pagerDutyLike("[triggered]", "100");
    DiffReport report = Definitions.compare(before, before.replace("note.json", "note-v2.json"));
    assertEquals("POST /incidents/{id}/notes", report.changes().get(0).subject(), report.summary());
    Finding changed = Definitions.finding(report, "request-body-external-ref-changed");
    assertFalse(changed.breaking(), "an unfollowed document cannot be judged");
    assertTrue(changed.message().contains("note-v2.json"), changed.message());
  }
}
