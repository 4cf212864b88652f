package dev.backlot.techdocs.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the generator takes from {@code mkdocs.yml}: the site's name and description, its docs
 * folder, its nav, and the repository and edit path "edit this page" links to. Everything else
 * (theme, plugins, Markdown extensions) is mkdocs' own and ignored: the generator always renders
 * GitHub-flavoured Markdown with admonitions.
 */
record MkdocsConfig(String siteName, String siteDescription, String docsDir, Optional<String> repoUrl, Optional<String> editUri,
    Optional<List<NavItem>> nav) {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static MkdocsConfig parse(byte[] yaml) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (IOException e) {
      throw new IllegalArgumentException("mkdocs.yml is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("mkdocs.yml is not a mapping");
    }
    String siteName = root.path("site_name").asText("");
    if (siteName.isBlank()) {
      throw new IllegalArgumentException("mkdocs.yml has no site_name");
    }
    String docsDir = root.path("docs_dir").asText("docs").replaceAll("^\\./|/+$", "");
    Optional<List<NavItem>> nav = root.has("nav") ? Optional.of(items(root.get("nav"))) : Optional.empty();
    return new MkdocsConfig(siteName, root.path("site_description").asText(""), docsDir,
        text(root, "repo_url"), text(root, "edit_uri"), nav);
  }

  private static Optional<String> text(JsonNode root, String key) {
    return root.path(key).isTextual() && !root.path(key).asText().isBlank() ? Optional.of(root.path(key).asText()) : Optional.empty();
  }

  private static List<NavItem> items(JsonNode list) {
    if (!list.isArray()) {
      throw new IllegalArgumentException("mkdocs.yml's nav is not a list");
    }
    List<NavItem> items = new ArrayList<>();
    for (JsonNode entry : list) {
      if (entry.isTextual()) {
        items.add(target(null, entry.asText()));
      } else if (entry.isObject() && entry.size() == 1) {
        Iterator<Map.Entry<String, JsonNode>> fields = entry.fields();
        Map.Entry<String, JsonNode> only = fields.next();
        JsonNode value = only.getValue();
        if (value.isTextual()) {
          items.add(target(only.getKey(), value.asText()));
        } else {
          items.add(NavItem.section(only.getKey(), items(value)));
        }
      } else {
        throw new IllegalArgumentException("mkdocs.yml's nav has an entry that is neither a page nor a titled page or section: " + entry);
      }
    }
    return items;
  }

  private static NavItem target(String title, String value) {
    if (value.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") || value.startsWith("/")) {
      return NavItem.link(title == null ? value : title, value);
    }
    return NavItem.page(title, value.replaceAll("^\\./", ""));
  }
}
