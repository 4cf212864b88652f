package dev.backlot.catalog.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a realistic catalog of about {@code size} entities as catalog-info files: domains,
 * systems, groups, users, components, APIs and resources wired together by owners, systems,
 * provided and consumed APIs, dependencies and memberships, 1,000 entities to a file.
 */
final class SampleCatalog {
  private static final String[] TYPES = {"service", "service", "service", "website", "library", "worker"};
  private static final String[] LIFECYCLES = {"production", "production", "experimental", "deprecated"};
  private static final String[] TAGS = {"java", "go", "python", "typescript", "kafka", "grpc", "rest", "pci", "ml", "batch"};
  /**
   * Title words, one per entity in turn: "payments" is in the titles of one entity in twelve of
   * every kind, the common term full-text queries look for across kinds.
   */
  private static final String[] TITLE_WORDS = {"Payments", "Checkout", "Search", "Identity", "Ledger", "Shipping", "Catalog",
      "Pricing", "Notifications", "Analytics", "Inventory", "Billing"};

  private SampleCatalog() {}

  /** Writes the files under {@code dir} and returns the root Location file. */
  static Path write(Path dir, int size) throws IOException {
    Random random = new Random(42);
    int groups = Math.max(10, size / 100);
    int users = Math.max(20, size / 20);
    int systems = Math.max(5, size / 50);
    int apis = size * 15 / 100;
    int resources = size / 10;
    int components = size - groups - users - systems - apis - resources - 10;
    List<String> docs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      docs.add(entity("Domain", "domain-" + i, "owner: group-" + i));
    }
    for (int i = 0; i < groups; i++) {
      docs.add(entity("Group", "group-" + i, "type: team\n  children: []" + (i >= 10 ? "\n  parent: group-" + (i % 10) : "")));
    }
    for (int i = 0; i < users; i++) {
      docs.add(entity("User", "user-" + i, "profile:\n    email: user-" + i + "@acme.example\n  memberOf: [group-" + random.nextInt(groups) + "]"));
    }
    for (int i = 0; i < systems; i++) {
      docs.add(entity("System", "system-" + i, "owner: group-" + random.nextInt(groups) + "\n  domain: domain-" + (i % 10)));
    }
    for (int i = 0; i < apis; i++) {
      docs.add(entity("API", "api-" + i, "type: openapi\n  lifecycle: " + LIFECYCLES[random.nextInt(LIFECYCLES.length)]
          + "\n  owner: group-" + random.nextInt(groups) + "\n  system: system-" + random.nextInt(systems)
          + "\n  definition: \"openapi: 3.0.3\""));
    }
    for (int i = 0; i < resources; i++) {
      docs.add(entity("Resource", "resource-" + i, "type: database\n  owner: group-" + random.nextInt(groups)
          + "\n  system: system-" + random.nextInt(systems)));
    }
    for (int i = 0; i < components; i++) {
      docs.add(entity("Component", "component-" + i, "type: " + TYPES[random.nextInt(TYPES.length)]
          + "\n  lifecycle: " + LIFECYCLES[random.nextInt(LIFECYCLES.length)]
          + "\n  owner: group-" + random.nextInt(groups)
          + "\n  system: system-" + random.nextInt(systems)
          + "\n  providesApis: [api-" + random.nextInt(apis) + "]"
          + "\n  consumesApis: [api-" + random.nextInt(apis) + ", api-" + random.nextInt(apis) + "]"
          + "\n  dependsOn: [resource:resource-" + random.nextInt(resources) + "]",
          "tags: [" + TAGS[random.nextInt(TAGS.length)] + ", " + TAGS[random.nextInt(TAGS.length)] + "]"));
    }
    Files.createDirectories(dir);
    List<String> targets = new ArrayList<>();
    for (int start = 0, file = 0; start < docs.size(); start += 1000, file++) {
      String name = "entities-" + file + ".yaml";
      Files.writeString(dir.resolve(name), String.join("---\n", docs.subList(start, Math.min(docs.size(), start + 1000))));
      targets.add(name);
    }
    Path root = dir.resolve("all.yaml");
    Files.writeString(root, "apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: sample\nspec:\n  targets:\n"
        + targets.stream().map(t -> "    - ./" + t + "\n").reduce("", String::concat));
    return root;
  }

  private static String entity(String kind, String name, String spec) {
    return entity(kind, name, spec, "");
  }

  private static String entity(String kind, String name, String spec, String metadata) {
    int number = Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
    return "apiVersion: backstage.io/v1alpha1\nkind: " + kind + "\nmetadata:\n  name: " + name
        + "\n  title: " + TITLE_WORDS[number % TITLE_WORDS.length] + " " + kind + " " + number
        + "\n  description: The " + name + " " + kind.toLowerCase() + " of the sample catalog.\n"
        + (metadata.isEmpty() ? "" : "  " + metadata + "\n")
        + "spec:\n  " + spec + "\n";
  }
}
