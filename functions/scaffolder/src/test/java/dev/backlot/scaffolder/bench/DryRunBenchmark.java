package dev.backlot.scaffolder.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.catalog.client.CatalogClient;
import dev.backlot.integration.github.GitHubCredentials;
import dev.backlot.platform.auth.ServiceTokens;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.discovery.Discovery;
import dev.backlot.platform.http.Json;
import dev.backlot.scaffolder.actions.Actions;
import dev.backlot.scaffolder.run.DryRun;
import dev.backlot.scaffolder.run.TemplateRunner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Issue 18's budget: a dry run of a 200-file skeleton (each file about 2 KiB with a dozen
 * expressions and a conditional block, in a templated path) in at most 1 s p50. Runs the dry run
 * in process, as the route does after parsing the body: {@code java -cp <test classpath>
 * dev.backlot.scaffolder.bench.DryRunBenchmark [runs] [files]}. Figures are only worth keeping
 * when measured on an idle machine.
 */
public final class DryRunBenchmark {
  private DryRunBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int files = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    ObjectNode body = body(files);
    CatalogClient unused = CatalogClient.create(Discovery.fromConfig(Config.of(Map.of("backend", Map.of("baseUrl", "http://127.0.0.1:9")))),
        ServiceTokens.fromConfig(Config.empty(), "scaffolder"));
    DryRun dryRun = new DryRun(new TemplateRunner(Actions.builtIn(unused, GitHubCredentials.fromConfig(Config.empty()), dev.backlot.platform.discovery.Discovery.fromConfig(Config.empty()),
        dev.backlot.platform.auth.ServiceTokens.fromConfig(Config.empty(), "scaffolder"), List.of())));
    ObjectNode user = Json.object().put("ref", "user:default/bench");
    for (int i = 0; i < Math.min(10, runs); i++) {
      check(dryRun.run(body, user, dev.backlot.scaffolder.run.ActionGate.ALL), files);
    }
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      check(dryRun.run(body, user, dev.backlot.scaffolder.run.ActionGate.ALL), files);
      times.add((System.nanoTime() - start) / 1_000);
    }
    Collections.sort(times);
    System.out.printf("dry run of a %d-file skeleton, %d runs: p50 %.1f ms, p90 %.1f ms, max %.1f ms%n", files, runs,
        times.get(times.size() / 2) / 1000.0, times.get(times.size() * 9 / 10) / 1000.0, times.get(times.size() - 1) / 1000.0);
  }

  private static void check(com.fasterxml.jackson.databind.JsonNode answer, int files) {
    if (answer.has("error") || answer.path("directoryContents").size() != files) {
      throw new IllegalStateException("the dry run did not produce " + files + " files: " + answer.path("error"));
    }
  }

  private static ObjectNode body(int files) throws Exception {
    ObjectNode body = Json.object();
    body.set("template", Json.MAPPER.readTree("""
        {"apiVersion": "scaffolder.backstage.io/v1beta3", "kind": "Template", "metadata": {"name": "bench"},
         "spec": {"steps": [{"id": "fetch", "action": "fetch:template", "input": {"url": "./skeleton",
           "values": {"name": "${{ parameters.name }}", "owner": "${{ parameters.owner }}", "tags": "${{ parameters.tags }}", "ci": true}}}]}}"""));
    body.set("values", Json.MAPPER.readTree("{\"name\": \"billing\", \"owner\": \"group:default/payments\", \"tags\": [\"java\", \"cloud-run\"]}"));
    ArrayNode contents = body.putArray("directoryContents");
    StringBuilder file = new StringBuilder();
    for (int line = 0; line < 12; line++) {
      file.append("// ${{ values.name | upper }} owned by ${{ values.owner | parseEntityRef | pick('name') }} line ").append(line).append('\n')
          .append("x".repeat(120)).append('\n');
    }
    file.append("{% if values.ci %}ci: true{% for t in values.tags %} ${{ t }}{% endfor %}{% endif %}\n");
    String content = Base64.getEncoder().encodeToString(file.toString().getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < files; i++) {
      contents.addObject().put("path", "skeleton/src/${{ values.name }}/module" + (i % 10) + "/File" + i + ".java").put("base64Content", content);
    }
    return body;
  }
}
