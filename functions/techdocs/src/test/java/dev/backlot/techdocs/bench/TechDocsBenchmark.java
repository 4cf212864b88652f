package dev.backlot.techdocs.bench;

import dev.backlot.techdocs.CatalogStandIn;
import dev.backlot.techdocs.RunningTechDocs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * "Docs of 20 pages load the first page in ≤ 1 s": a generated 20-page site (tables, code, an
 * image per page) is built by POST /sync under the real invoker, then the reader's first load is
 * timed as the reader makes it: site metadata, the page and the search index in parallel, then
 * the page's image. The first load right after the build (the static route's first requests in
 * this JVM) and then warm loads, p50 and p95. Prints figures; asserts nothing.
 */
public final class TechDocsBenchmark {
  public static void main(String[] args) throws Exception {
    int pages = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int loads = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    Path repo = Files.createTempDirectory("techdocs-bench");
    writeSource(repo.resolve("docs-source"), pages);
    Files.writeString(repo.resolve("catalog-info.yaml"), "# stands for the entity's catalog file\n");
    try (CatalogStandIn catalog = new CatalogStandIn()) {
      catalog.put(Map.of("kind", "Component", "metadata", Map.of("namespace", "default", "name", "bench",
          "annotations", Map.of("backstage.io/techdocs-ref", "dir:./docs-source",
              "backstage.io/managed-by-location", "file:" + repo.resolve("catalog-info.yaml")))));
      try (RunningTechDocs techdocs = RunningTechDocs.start(catalog.baseUrl(), Map.of())) {
        long start = System.nanoTime();
        HttpResponse<String> sync = techdocs.post("/sync", RunningTechDocs.SCHEDULER);
        System.out.printf("build of %d pages (POST /sync): %d in %.0f ms: %s%n", pages, sync.statusCode(), (System.nanoTime() - start) / 1e6,
            sync.body().length() > 200 ? sync.body().substring(0, 200) : sync.body());
        HttpClient http = HttpClient.newHttpClient();
        double first = firstPage(http, techdocs);
        System.out.printf("first page, first load after the build: %.1f ms%n", first);
        for (int i = 0; i < loads / 10; i++) {
          firstPage(http, techdocs);
        }
        double[] warm = new double[loads];
        for (int i = 0; i < loads; i++) {
          warm[i] = firstPage(http, techdocs);
        }
        Arrays.sort(warm);
        System.out.printf("first page, %d warm loads: p50 %.1f ms, p95 %.1f ms, max %.1f ms%n", loads,
            warm[loads / 2], warm[(int) (loads * 0.95)], warm[loads - 1]);
        System.out.printf("within 1 s: %s%n", first <= 1000 && warm[(int) (loads * 0.95)] <= 1000 ? "yes" : "NO");
      }
    }
    System.exit(0);
  }

  /** Milliseconds until metadata, page and search index (in parallel), then the page's image, have arrived. */
  private static double firstPage(HttpClient http, RunningTechDocs techdocs) throws Exception {
    long start = System.nanoTime();
    List<CompletableFuture<HttpResponse<byte[]>>> calls = new ArrayList<>();
    for (String path : List.of("/metadata/techdocs/default/component/bench", "/static/docs/default/component/bench/index.html",
        "/static/docs/default/component/bench/search/search_index.json")) {
      calls.add(http.sendAsync(HttpRequest.newBuilder(URI.create(techdocs.url(path))).header("Authorization", RunningTechDocs.USER).build(),
          BodyHandlers.ofByteArray()));
    }
    for (CompletableFuture<HttpResponse<byte[]>> call : calls) {
      if (call.get().statusCode() != 200) {
        throw new IllegalStateException(call.get().uri() + " answered " + call.get().statusCode());
      }
    }
    HttpResponse<byte[]> image = http.send(HttpRequest.newBuilder(URI.create(techdocs.url("/static/docs/default/component/bench/images/diagram.svg")))
        .header("Authorization", RunningTechDocs.USER).build(), BodyHandlers.ofByteArray());
    if (image.statusCode() != 200) {
      throw new IllegalStateException("image answered " + image.statusCode());
    }
    return (System.nanoTime() - start) / 1e6;
  }

  private static void writeSource(Path source, int pages) throws Exception {
    Path docs = source.resolve("docs");
    Files.createDirectories(docs.resolve("images"));
    StringBuilder nav = new StringBuilder("site_name: Bench\nnav:\n  - Home: index.md\n");
    Files.writeString(docs.resolve("images/diagram.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"40\"><rect width=\"200\" height=\"40\" fill=\"#eee\"/></svg>\n");
    for (int i = 0; i < pages; i++) {
      String name = i == 0 ? "index.md" : "page-" + i + ".md";
      if (i > 0) {
        nav.append("  - Page ").append(i).append(": ").append(name).append('\n');
      }
      StringBuilder page = new StringBuilder("# Page " + i + "\n\n![diagram](images/diagram.svg)\n\n");
      for (int section = 0; section < 8; section++) {
        page.append("## Section ").append(section).append("\n\nSome prose about section ").append(section)
            .append(" with a [link](").append(i == 0 ? "page-1.md" : "index.md").append(").\n\n")
            .append("| key | value |\n|---|---|\n| a | 1 |\n| b | 2 |\n\n```java\nclass S").append(section).append(" {}\n```\n\n");
      }
      page.append("!!! note\n    The end of page ").append(i).append(".\n");
      Files.writeString(docs.resolve(name), page);
    }
    Files.writeString(source.resolve("mkdocs.yml"), nav);
  }
}
