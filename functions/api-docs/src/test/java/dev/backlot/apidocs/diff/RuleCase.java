package dev.backlot.apidocs.diff;

import dev.backlot.testing.GeneratedDocs;
import java.io.IOException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One checklist rule with the small before/after pair that makes it fire; the rule tables in
 * docs/api-docs.md are generated from these.
 */
record RuleCase(String rule, boolean breaking, String meaning, String before, String after) {
  @Override
  public String toString() {
    return rule;
  }

  /** The generated table {@code section} of docs/api-docs.md lists exactly {@code cases}, each with its test. */
  static void assertDocumented(String section, String testClass, Stream<RuleCase> cases) throws IOException {
    String table = "| rule | fires when | breaking | test |\n|---|---|---|---|\n" + cases
        .map(c -> "| `" + c.rule() + "` | " + c.meaning() + " | " + (c.breaking() ? "yes" : "no") + " | `" + testClass + "[" + c.rule() + "]` |\n")
        .collect(Collectors.joining());
    GeneratedDocs.assertCurrent(GeneratedDocs.repositoryRoot().resolve("docs/api-docs.md"), section, table);
  }
}
