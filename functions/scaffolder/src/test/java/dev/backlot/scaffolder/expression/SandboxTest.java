package dev.backlot.scaffolder.expression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Attacks on the expression sandbox: a template is written by whoever can put an entity in the
 * catalog, and its expressions run inside the scaffolder with the task's secrets in context.
 */
class SandboxTest {
  private static final JsonNode CONTEXT = new ObjectMapper().createObjectNode().put("s", "x");

  private static void refused(String template, String expectedMessagePart) {
    ExpressionException e = assertThrows(ExpressionException.class,
        () -> assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Templating.renderText(template, CONTEXT)));
    assertTrue(e.getMessage().contains(expectedMessagePart), e.getMessage());
  }

  @Test
  void prototypeAndReflectionLikeLookupsFindNothing() {
    assertEquals("||||", Templating.renderText(
        "${{ s.constructor }}|${{ s['__proto__'] }}|${{ s.getClass }}|${{ range.constructor }}|${{ loop.constructor.constructor }}", CONTEXT));
  }

  @Test
  void callingMethodsOrUnknownFunctionsIsRefused() {
    refused("${{ s.getClass() }}", "calling methods is not allowed");
    refused("${{ s.constructor.constructor('return process')() }}", "calling methods is not allowed");
    refused("${{ require('fs') }}", "unknown function 'require'");
    refused("${{ cycler(1) }}", "unknown function 'cycler'");
  }

  @Test
  void loopsAreBoundedByTheStepBudget() {
    refused("{% for a in range(10000) %}{% for b in range(10000) %}x{% endfor %}{% endfor %}", "steps");
    refused("${{ range(100000000) }}", "more than " + Budget.MAX_RANGE);
  }

  @Test
  void hugeStringsAreRefused() {
    String tenfold = " | replace('x', 'xxxxxxxxxx')";
    refused("${{ 'xxxxxxxxxx'" + tenfold.repeat(8) + " }}", "characters");
    refused("{% for a in range(10000) %}${{ 'xxxxxxxxxx'" + tenfold.repeat(2) + " }}{% endfor %}", "characters");
    String million = "('xxxxxxxxxx'" + tenfold.repeat(5) + ")";
    refused("${{ [" + String.join(", ", java.util.Collections.nCopies(5, million)) + "] | join(',') }}", "characters");
  }

  @Test
  void deeplyNestedExpressionsAreRefusedBeforeTheStackRunsOut() {
    refused("${{ " + "(".repeat(10_000) + "1" + ")".repeat(10_000) + " }}", "nested deeper");
    refused("${{ " + "not ".repeat(10_000) + "1 }}", "nested deeper");
    refused("${{ " + "-".repeat(10_000) + "1 }}", "nested deeper");
    refused("${{ 'a'" + " ~ 'a'".repeat(10_000) + " }}", "nested deeper");
    refused("${{ 'a'" + " | upper".repeat(10_000) + " }}", "nested deeper");
    refused("${{ s" + ".a".repeat(10_000) + " }}", "nested deeper");
    refused("{% if s %}".repeat(10_000) + "x" + "{% endif %}".repeat(10_000), "blocks nested deeper");
  }

  @Test
  void brokenTemplatesFailWithAMessage() {
    refused("${{ s ", "has no '}}'");
    refused("{% if s %}no end", "no {% endif %}");
    refused("{% include 'https://evil.test/x' %}", "unknown or unexpected tag");
    refused("{% import 'fs' as fs %}", "unknown or unexpected tag");
  }
}
