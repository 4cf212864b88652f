package dev.backlot.scaffolder.expression;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.platform.http.Json;
import dev.backlot.testing.FuzzSeeds;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any template text, as a skeleton file, a path or a step input brings it: it renders, or fails
 * with an {@link ExpressionException}. Anything else escaping (a StackOverflowError, a
 * NullPointerException, a ClassCastException, an OutOfMemoryError) is a finding: a template is
 * written by whoever can register one.
 */
class TemplateTextFuzzTest {
  private static final JsonNode CONTEXT = context();

  private static JsonNode context() {
    try {
      return Json.MAPPER.readTree("""
          {"parameters": {"name": "billing", "n": 3, "tags": ["a", "b"], "repoUrl": "github.com?owner=o&repo=r", "o": {"k": {"v": 1}}},
           "values": {"name": "x"}, "secrets": {"t": "s"}, "steps": {"s": {"output": {"u": "v"}}}}""");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<byte[]> examples() {
    return FuzzSeeds.texts(
        "Hello ${{ parameters.name | upper }} ${{ parameters.tags | join(', ') }}",
        "${{ parameters.repoUrl | parseRepoUrl }}",
        "{% for t in parameters.tags %}${{ loop.index }}:${{ t }}{% else %}none{% endfor %}",
        "{%- if parameters.n > 2 and 'a' in parameters.tags %}x{% elif not parameters.o %}y{% else %}z{% endif -%}",
        "${{ {a: [1, 2.5, 'x'], 'b': none}['a'][1] * -2 // 1 ~ ('s' if true else 'u') }}",
        "{% raw %}${{ github.sha }}{% endraw %}{# comment #}${{ range(3) | reverse | first }}",
        "${{ 'group:default/x' | parseEntityRef | pick('name') }} ${{ parameters | dump(2) | length }}",
        // Found by fuzzing: an empty expression read before the start of its tokens; an opener at the very end.
        "Hello ${{ parameters.nnotame | upper }} ${{}}", "${{", "{%", "x {#", "${{ 1.2.3 }}");
  }

  @MethodSource("examples")
  @FuzzTest
  void aTemplateTextRendersOrFailsWithAnExpressionError(byte[] text) {
    String template = new String(text, StandardCharsets.UTF_8);
    try {
      Templating.renderText(template, CONTEXT);
    } catch (ExpressionException refused) {
      // A template that cannot render says why.
    }
    try {
      Templating.renderValue(template, CONTEXT);
    } catch (ExpressionException refused) {
      // Likewise for a step input.
    }
  }
}
