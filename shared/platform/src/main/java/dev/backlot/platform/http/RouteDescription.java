package dev.backlot.platform.http;

import java.util.Comparator;
import java.util.List;

/** One registered route as the docs' route tables list it: method, path below the prefix, who may call. */
public record RouteDescription(String method, String path, Access access, long maxBodyBytes) {
  private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

  /** A Markdown table of {@code routes} under {@code routePrefix}, one row each, by path and method. */
  public static String markdownTable(String routePrefix, List<RouteDescription> routes) {
    StringBuilder table = new StringBuilder("| method | path | who may call | body limit |\n|---|---|---|---|\n");
    List<RouteDescription> sorted = routes.stream()
        .sorted(Comparator.comparing(RouteDescription::path).thenComparing(route -> METHODS.indexOf(route.method))).toList();
    for (RouteDescription route : sorted) {
      table.append("| ").append(route.method).append(" | `").append(routePrefix).append(route.path.equals("/") ? "" : route.path)
          .append("` | ").append(route.access).append(" | ")
          .append(route.method.equals("GET") || route.method.equals("DELETE") ? "" : size(route.maxBodyBytes)).append(" |\n");
    }
    return table.toString();
  }

  private static String size(long bytes) {
    return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " B";
  }
}
