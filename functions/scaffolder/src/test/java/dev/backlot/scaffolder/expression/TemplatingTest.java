package dev.backlot.scaffolder.expression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Nunjucks semantics as Backstage templates use them, with Backstage's delimiters and filters. */
class TemplatingTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  private static final JsonNode CONTEXT;

  static {
    try {
      CONTEXT = json("""
          {"parameters": {"name": "Billing API", "count": 3, "enabled": true, "tags": ["a", "b"], "owner": "group:default/team-a",
            "repoUrl": "github.com?owner=acme&repo=billing", "nested": {"deep": {"value": 42}}, "empty": ""},
           "steps": {"fetch": {"output": {"remoteUrl": "https://example.test/acme/billing"}}},
           "user": {"ref": "user:default/alice", "entity": {"metadata": {"name": "alice"}}},
           "context": {"task": {"id": "task-1"}}}""");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aWholeExpressionKeepsItsType() throws Exception {
    assertEquals(json("3"), Templating.renderValue("${{ parameters.count }}", CONTEXT));
    assertEquals(json("true"), Templating.renderValue("  ${{ parameters.enabled }} ", CONTEXT));
    assertEquals(json("[\"a\",\"b\"]"), Templating.renderValue("${{ parameters.tags }}", CONTEXT));
    assertEquals(json("{\"value\":42}"), Templating.renderValue("${{ parameters.nested.deep }}", CONTEXT));
    assertTrue(Templating.renderValue("${{ parameters.missing }}", CONTEXT).isMissingNode(), "undefined drops the key");
  }

  @Test
  void textWithExpressionsRendersAsNunjucksPrintsValues() {
    assertEquals("Hello Billing API (3) a,b", Templating.renderValue("Hello ${{ parameters.name }} (${{ parameters.count }}) ${{ parameters.tags }}", CONTEXT).textValue());
    assertEquals("[] ", Templating.renderValue("[${{ parameters.missing }}] ${{ parameters.nothing.deeper }}", CONTEXT).textValue());
    assertEquals("{{ left alone }}", Templating.renderValue("{{ left alone }}", CONTEXT).textValue());
  }

  @Test
  void contextHoldsStepsOutputsUserAndTask() {
    assertEquals("https://example.test/acme/billing", Templating.evaluate("steps['fetch'].output.remoteUrl", CONTEXT).textValue());
    assertEquals("user:default/alice alice task-1", Templating.renderText("${{ user.ref }} ${{ user.entity.metadata.name }} ${{ context.task.id }}", CONTEXT));
  }

  @Test
  void backstageFilters() throws Exception {
    assertEquals(json("{\"host\":\"github.com\",\"owner\":\"acme\",\"repo\":\"billing\"}"), Templating.renderValue("${{ parameters.repoUrl | parseRepoUrl }}", CONTEXT));
    assertEquals("acme", Templating.evaluate("(parameters.repoUrl | parseRepoUrl).owner", CONTEXT).textValue());
    assertEquals(json("{\"kind\":\"group\",\"namespace\":\"default\",\"name\":\"team-a\"}"), Templating.evaluate("parameters.owner | parseEntityRef", CONTEXT));
    assertEquals(json("{\"kind\":\"Group\",\"namespace\":\"ops\",\"name\":\"x\"}"),
        Templating.evaluate("'x' | parseEntityRef({defaultKind: 'Group', defaultNamespace: 'ops'})", CONTEXT));
    assertEquals("42", Templating.renderText("${{ parameters | pick('nested.deep.value') }}", CONTEXT));
    assertEquals("acme/billing", Templating.evaluate("parameters.repoUrl | projectSlug", CONTEXT).textValue());
    ExpressionException noRepo = assertThrows(ExpressionException.class, () -> Templating.evaluate("'github.com?owner=a' | parseRepoUrl", CONTEXT));
    assertTrue(noRepo.getMessage().contains("missing repo"), noRepo.getMessage());
  }

  @Test
  void nunjucksBuiltInFilters() {
    assertEquals("billing api|BILLING API|Billing-API|a, b|2|a|b|x|fallback|fallback|",
        Templating.renderText("${{ parameters.name | lower }}|${{ parameters.name | upper }}|${{ parameters.name | replace(' ', '-') }}|"
            + "${{ parameters.tags | join(', ') }}|${{ parameters.tags | length }}|${{ parameters.tags | first }}|${{ parameters.tags | last }}|"
            + "${{ '  x ' | trim }}|${{ parameters.missing | default('fallback') }}|${{ parameters.empty | default('fallback', true) }}|"
            + "${{ parameters.empty | default('fallback') }}", CONTEXT));
    assertEquals("{\"value\":42}", Templating.renderText("${{ parameters.nested.deep | dump }}", CONTEXT));
    assertEquals("Billing api", Templating.renderText("${{ parameters.name | capitalize }}", CONTEXT));
  }

  @Test
  void operatorsAndConditionals() {
    assertEquals("yes", Templating.renderText("${{ 'yes' if parameters.count > 2 and parameters.enabled else 'no' }}", CONTEXT));
    assertEquals("true false true", Templating.renderText("${{ 'a' in parameters.tags }} ${{ 'z' in parameters.tags }} ${{ parameters.name == 'Billing API' }}", CONTEXT));
    assertEquals("Billing API-3 7", Templating.renderText("${{ parameters.name ~ '-' ~ parameters.count }} ${{ parameters.count * 2 + 1 }}", CONTEXT));
    assertEquals("true", Templating.renderText("${{ parameters.missing is not defined }}", CONTEXT));
  }

  @Test
  void blocksLoopsRawAndComments() {
    String template = """
        {%- if parameters.enabled %}on{% else %}off{% endif %}
        {% for tag in parameters.tags %}${{ loop.index }}:${{ tag }}{% if not loop.last %},{% endif %}{% endfor %}
        {# a comment #}{% raw %}${{ github.sha }}{% endraw %}
        {% for k, v in parameters.nested %}${{ k }}={{ v }}{% endfor %}""";
    assertEquals("on\n1:a,2:b\n${{ github.sha }}\ndeep={{ v }}", Templating.renderText(template, CONTEXT));
  }

  @Test
  void inputsRenderDeeplyAndErrorsNameTheKeyAndExpression() throws Exception {
    JsonNode input = json("{\"url\": \"./skeleton\", \"values\": {\"name\": \"${{ parameters.name }}\", \"n\": \"${{ parameters.count }}\", \"gone\": \"${{ parameters.x }}\"}}");
    assertEquals(json("{\"url\":\"./skeleton\",\"values\":{\"name\":\"Billing API\",\"n\":3}}"), Templating.renderInput(input, CONTEXT, ""));
    ExpressionException error = assertThrows(ExpressionException.class,
        () -> Templating.renderInput(json("{\"values\": {\"bad\": \"${{ parameters.name | nosuch }}\"}}"), CONTEXT, ""));
    assertEquals("input 'values.bad': unknown filter 'nosuch' in '${{ parameters.name | nosuch }}'", error.getMessage());
  }
}
