package dev.backlot.platform.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.backlot.platform.manifest.Hcl.Attribute;
import dev.backlot.platform.manifest.Hcl.Block;
import dev.backlot.platform.manifest.Hcl.Source;
import dev.backlot.platform.manifest.Hcl.Token;
import dev.backlot.platform.manifest.Hcl.Type;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks that the plugin manifests and their deployment consumers (terraform/, cloudbuild.yaml)
 * agree. Every check returns problems as readable lines naming file and line; an empty list is a
 * pass. Used by DeploymentConsistencyTest on the real repository and by DeploymentChecksTest on
 * deliberately broken copies of it.
 */
final class DeploymentChecks {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final ObjectMapper JSON = new ObjectMapper();

  /** The manifest path as Terraform reads it. */
  static final String MANIFEST_GLOB = "functions/*/plugin.yaml";

  /** HTTP methods, for reading the router's API. */
  static final Set<String> HTTP_METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT");

  /** What the platform router serves when its class is not on the classpath. */
  static final Set<String> DEFAULT_ROUTER_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

  /** Cloud Build's built-in substitutions. */
  static final Set<String> BUILT_IN_SUBSTITUTIONS =
      Set.of(
          "PROJECT_ID", "PROJECT_NUMBER", "BUILD_ID", "LOCATION", "TRIGGER_NAME", "TRIGGER_BUILD_CONFIG_PATH",
          "COMMIT_SHA", "SHORT_SHA", "REVISION_ID", "REPO_NAME", "REPO_FULL_NAME", "BRANCH_NAME", "TAG_NAME",
          "REF_NAME", "SERVICE_ACCOUNT_EMAIL", "SERVICE_ACCOUNT", "_HEAD_BRANCH", "_BASE_BRANCH",
          "_HEAD_REPO_URL", "_PR_NUMBER");

  /**
   * Manifest fields Terraform has no use for, with the reason. Every other field must be used by
   * some resource, so a new manifest field cannot be silently ignored by the deployment.
   */
  static final Map<String, String> NOT_DEPLOYED_FIELDS =
      Map.of("settings", "config keys the plugin reads; documentation and local checks only");

  private final Path root;
  private final Map<String, Object> schema;

  /** Checks the repository at root against the given manifest schema (see {@link #schemaOf}). */
  DeploymentChecks(Path root, Map<String, Object> schema) {
    this.root = root;
    this.schema = schema;
  }

  DeploymentChecks(Path root) {
    this(root, schemaOf(PluginManifest.class));
  }

  // ---------------------------------------------------------------- schema

  /** Field name to nested schema (a record component that is itself a record) or its Java type. */
  static Map<String, Object> schemaOf(Class<?> record) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (RecordComponent c : record.getRecordComponents()) {
      fields.put(c.getName(), c.getType().isRecord() ? schemaOf(c.getType()) : c.getType());
    }
    return fields;
  }

  /** Every leaf path of the schema, dotted. */
  static Set<String> leafPaths(Map<String, Object> schema) {
    Set<String> paths = new TreeSet<>();
    schema.forEach(
        (name, value) -> {
          if (value instanceof Map<?, ?> nested) {
            @SuppressWarnings("unchecked")
            Map<String, Object> n = (Map<String, Object>) nested;
            leafPaths(n).forEach(p -> paths.add(name + "." + p));
          } else {
            paths.add(name);
          }
        });
    return paths;
  }

  /** The manifest defaults as PluginManifestParser applies them, as JSON. */
  static ObjectNode javaDefaults() {
    PluginManifest minimal =
        PluginManifestParser.parse(
            new ByteArrayInputStream("id: x0\nentryPoint: a.B\n".getBytes(StandardCharsets.UTF_8)), "defaults");
    ObjectNode tree = JSON.valueToTree(minimal);
    tree.remove(List.of("id", "entryPoint", "routePrefix"));
    return tree;
  }

  /**
   * HTTP methods the platform router can serve: its public methods named after an HTTP method, or
   * {@link #DEFAULT_ROUTER_METHODS} while the router is not on this module's classpath.
   */
  static Set<String> routerMethods() {
    try {
      Class<?> router = Class.forName("dev.backlot.platform.http.Router");
      Set<String> methods = new TreeSet<>();
      for (Method m : router.getMethods()) {
        String name = m.getName().toUpperCase(Locale.ROOT);
        if (Modifier.isPublic(m.getModifiers()) && m.getReturnType() == router && HTTP_METHODS.contains(name)) {
          methods.add(name);
        }
      }
      return methods;
    } catch (ClassNotFoundException e) {
      return new TreeSet<>(DEFAULT_ROUTER_METHODS);
    }
  }

  // ---------------------------------------------------------------- loading

  private List<Path> files(Path dir, String... suffixes) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> !SKIPPED_DIRS.matcher(p.toString()).find())
          .filter(p -> Stream.of(suffixes).anyMatch(s -> p.getFileName().toString().endsWith(s)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Directories no check looks into: Terraform's provider cache and the HCL check's npm packages. */
  private static final Pattern SKIPPED_DIRS = Pattern.compile("[/\\\\](\\.terraform|node_modules)[/\\\\]");

  private String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String rel(Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }

  Path terraformDir() {
    return root.resolve("terraform");
  }

  Path cloudBuildFile() {
    return root.resolve("cloudbuild.yaml");
  }

  /** The pipeline of one UI plugin (docs/ui-plugins.md), run by the triggers of plugins/*. */
  static final String UI_PLUGIN_PIPELINE = "plugins/cloudbuild.yaml";

  /** Every HCL file under terraform/ (.tf, .tfvars and their .example copies). */
  List<Path> hclFiles() {
    return files(terraformDir(), ".tf", ".tfvars", ".tfvars.example", ".hcl", ".hcl.example");
  }

  /** Every HCL source under terraform/ (.tf, .tfvars and their .example copies). */
  List<Source> hclSources() {
    List<Source> sources = new ArrayList<>();
    for (Path f : hclFiles()) {
      sources.add(Hcl.parse(rel(f), read(f)));
    }
    return sources;
  }

  List<Source> templateSources() {
    List<Source> sources = new ArrayList<>();
    for (Path f : files(terraformDir(), ".tftpl")) {
      sources.add(Hcl.parseTemplate(rel(f), read(f)));
    }
    return sources;
  }

  // ---------------------------------------------------------------- module analysis

  /** A read of a manifest field: file:line, the field path, and whether it read the raw YAML. */
  record Read(Source source, int index, List<String> path, boolean raw) {
    String where() {
      return source.where(index);
    }

    String dotted() {
      return String.join(".", path);
    }
  }

  /** A variable bound to one manifest between two token indexes. */
  private record Scope(String name, int from, int to, boolean raw) {}

  /**
   * What one Terraform module does with the manifests. The module that reads them may be called by
   * the module that deploys them (modules/platform calls modules/service-config): the caller's
   * files are then analysed with it, and a caller's local that only passes on the output of the
   * same name ({@code plugins = module.config.plugins}) stands for the called module's local.
   */
  final class Module {
    final Path dir;
    final List<Source> files = new ArrayList<>();
    final Map<String, Attribute> locals = new LinkedHashMap<>();
    final List<String> problems = new ArrayList<>();
    /** Collection references ("local.plugins", or a template variable name) to raw/normalized. */
    final Map<String, Boolean> collections = new LinkedHashMap<>();
    final List<Read> reads = new ArrayList<>();
    final Map<Source, Map<String, Boolean>> templates = new LinkedHashMap<>();
    String filesetLocal;
    String rawLocal;
    String normalizedLocal;

    Module(Path dir) {
      this(dir, List.of());
    }

    Module(Path dir, List<Path> callers) {
      this.dir = dir;
      List<Path> dirs = new ArrayList<>(List.of(dir));
      dirs.addAll(callers);
      for (Path d : dirs) {
        for (Path f : files(d, ".tf")) {
          if (f.getParent().equals(d)) {
            files.add(Hcl.parse(rel(f), read(f)));
          }
        }
      }
      for (Source s : files) {
        for (Block b : s.blocks()) {
          if (b.type().equals("locals")) {
            for (Attribute a : b.body().attributes()) {
              if (REEXPORT.matcher(a.text().strip()).matches() && a.text().strip().endsWith("." + a.name())) {
                continue;
              }
              if (locals.putIfAbsent(a.name(), a) != null) {
                problems.add(s.where(a.nameIndex()) + ": local." + a.name() + " is defined twice");
              }
            }
          }
        }
      }
      findManifestSource();
      if (rawLocal != null) {
        findCollections();
        findTemplates();
        for (Source s : files) {
          scanReads(s, collections, scopes(s, collections, false));
        }
        templates.forEach((t, vars) -> scanReads(t, vars, scopes(t, vars, true)));
      }
    }

    boolean readsManifests() {
      return filesetLocal != null;
    }

    private void findManifestSource() {
      for (Attribute a : locals.values()) {
        Source s = a.source();
        for (int i = a.from(); i <= a.to(); i++) {
          if (s.get(i).isIdent("fileset") && s.get(i + 1).isSymbol("(")) {
            int close = s.partner[i + 1];
            for (int j = i + 2; j < close; j++) {
              if (MANIFEST_GLOB.equals(s.plainString(j))) {
                filesetLocal = "local." + a.name();
              }
            }
          }
        }
      }
      if (filesetLocal == null) {
        return;
      }
      for (Attribute a : locals.values()) {
        ForExpr f = ForExpr.at(a.source(), a.from());
        if (f == null || a.source().partner[a.from()] != a.to()) {
          continue;
        }
        boolean decodes = contains(a.source(), f.valueFrom(), f.valueTo(), "yamldecode")
            && contains(a.source(), f.valueFrom(), f.valueTo(), "file");
        if (decodes && a.source().text(f.sourceFrom(), f.sourceTo()).equals(filesetLocal)) {
          rawLocal = "local." + a.name();
          collections.put(rawLocal, true);
        }
      }
      if (rawLocal == null) {
        problems.add(rel(dir) + ": " + filesetLocal + " lists the manifests, but no local turns them into "
            + "objects with { for f in " + filesetLocal + " : ... => yamldecode(file(...)) }");
      }
    }

    private boolean contains(Source s, int from, int to, String ident) {
      for (int i = from; i <= to; i++) {
        if (s.get(i).isIdent(ident) && s.get(i + 1) != null && s.get(i + 1).isSymbol("(")) {
          return true;
        }
      }
      return false;
    }

    /** Locals that hold manifests: the raw ones, the normalized ones and filters of either. */
    private void findCollections() {
      boolean changed = true;
      while (changed) {
        changed = false;
        for (Attribute a : locals.values()) {
          String ref = "local." + a.name();
          if (collections.containsKey(ref)) {
            continue;
          }
          Boolean raw = collectionKind(a.source(), a.from(), a.to(), collections);
          if (raw != null) {
            collections.put(ref, raw);
            changed = true;
            continue;
          }
          ForExpr f = ForExpr.at(a.source(), a.from());
          if (f != null && f.object() && a.source().partner[a.from()] == a.to()) {
            Boolean sourceRaw = collectionKind(a.source(), f.sourceFrom(), f.sourceTo(), collections);
            if (sourceRaw != null && a.source().get(f.valueFrom()).isSymbol("{")
                && a.source().partner[f.valueFrom()] == f.valueTo()) {
              Set<String> keys = objectKeys(a.source(), f.valueFrom());
              if (keys.containsAll(schema.keySet())) {
                collections.put(ref, false);
                normalizedLocal = ref;
                changed = true;
              }
            }
          }
        }
      }
    }

    /** The template files given manifests through templatefile(), with their variable names. */
    private void findTemplates() {
      for (Source s : files) {
        for (int i = 0; i < s.size(); i++) {
          if (!s.get(i).isIdent("templatefile") || !s.get(i + 1).isSymbol("(")) {
            continue;
          }
          int pathOpen = i + 2;
          String path = templatePath(s, pathOpen);
          if (path == null) {
            problems.add(s.where(i) + ": templatefile path must be \"${path.module}/<file>\"");
            continue;
          }
          Path file = dir.resolve(path).normalize();
          if (!Files.isRegularFile(file)) {
            problems.add(s.where(i) + ": templatefile " + path + " does not exist");
            continue;
          }
          int args = s.skip(pathOpen);
          if (!s.get(args).isSymbol(",") || !s.get(args + 1).isSymbol("{")) {
            problems.add(s.where(i) + ": templatefile variables must be an object constructor { name = ... }");
            continue;
          }
          Map<String, Boolean> vars = new LinkedHashMap<>();
          for (Attribute a : s.body(args + 1, s.partner[args + 1]).attributes()) {
            Boolean raw = collectionKind(s, a.from(), a.to(), collections);
            if (raw != null) {
              vars.put(a.name(), raw);
            }
          }
          templates.put(Hcl.parseTemplate(rel(file), read(file)), vars);
        }
      }
    }

    /** Collection, normalized (false) or raw (true), or null when the expression is not one. */
    Boolean collectionKind(Source s, int from, int to, Map<String, Boolean> known) {
      String traversal = traversal(s, from, to);
      if (traversal != null) {
        return known.get(traversal);
      }
      ForExpr f = ForExpr.at(s, from);
      if (f != null && s.partner[from] == to && f.isFilter(s)) {
        return collectionKind(s, f.sourceFrom(), f.sourceTo(), known);
      }
      return null;
    }

    /** Variables bound to one manifest: for-expression values and each.value of for_each blocks. */
    private List<Scope> scopes(Source s, Map<String, Boolean> known, boolean template) {
      List<Scope> scopes = new ArrayList<>();
      for (int i = 0; i < s.size(); i++) {
        Token t = s.get(i);
        boolean bracketFor = (t.isSymbol("[") || t.isSymbol("{")) && s.get(i + 1) != null && s.get(i + 1).isIdent("for");
        if (bracketFor) {
          ForExpr f = ForExpr.at(s, i);
          Boolean raw = f == null ? null : collectionKind(s, f.sourceFrom(), f.sourceTo(), known);
          if (raw != null) {
            scopes.add(new Scope(f.valueVar(), i, s.partner[i], raw));
          }
        }
        if (template && t.type() == Type.DIRECTIVE && s.get(i + 1).isIdent("for")) {
          int end = s.partner[i];
          int in = i + 2;
          while (in < end && !s.get(in).isIdent("in")) {
            in++;
          }
          String valueVar = s.get(in - 1).text();
          Boolean raw = collectionKind(s, in + 1, end - 1, known);
          if (raw != null) {
            scopes.add(new Scope(valueVar, i, endFor(s, end), raw));
          }
        }
      }
      if (!template) {
        for (Block b : s.blocks()) {
          Attribute forEach = b.body().attribute("for_each");
          if (forEach != null) {
            Boolean raw = collectionKind(s, forEach.from(), forEach.to(), known);
            if (raw != null) {
              scopes.add(new Scope("each.value", b.open(), b.close(), raw));
            }
          }
        }
      }
      return scopes;
    }

    private int endFor(Source s, int from) {
      int depth = 0;
      for (int i = from; i < s.size(); i++) {
        if (s.get(i).type() == Type.DIRECTIVE) {
          Token keyword = s.get(i + 1);
          if (keyword.isIdent("for") || keyword.isIdent("if")) {
            depth++;
          } else if (keyword.isIdent("endfor") || keyword.isIdent("endif")) {
            if (depth == 0) {
              return i;
            }
            depth--;
          }
        }
      }
      return s.size() - 1;
    }

    private void scanReads(Source s, Map<String, Boolean> known, List<Scope> scopes) {
      for (int i = 0; i < s.size(); i++) {
        Token t = s.get(i);
        if (t.type() != Type.IDENT || (i > 0 && s.get(i - 1).isSymbol("."))) {
          continue;
        }
        if (t.isIdent("lookup") && s.get(i + 1).isSymbol("(")) {
          Element e = element(s, i + 2, known, scopes);
          if (e != null && s.get(e.end()).isSymbol(",") && s.plainString(e.end() + 1) != null) {
            List<String> path = new ArrayList<>(e.path());
            path.add(s.plainString(e.end() + 1));
            reads.add(new Read(s, i, List.copyOf(path), e.raw()));
          }
          continue;
        }
        Element e = element(s, i, known, scopes);
        if (e != null && !e.path().isEmpty()) {
          reads.add(new Read(s, i, e.path(), e.raw()));
        }
      }
    }

    /** A manifest reference starting at i: its field path (possibly empty) and end index. */
    private record Element(List<String> path, int end, boolean raw) {}

    private Element element(Source s, int i, Map<String, Boolean> known, List<Scope> scopes) {
      Token t = s.get(i);
      if (t == null || t.type() != Type.IDENT) {
        return null;
      }
      int next;
      Boolean raw = null;
      if (t.isIdent("each") && s.get(i + 1).isSymbol(".") && s.get(i + 2).isIdent("value")) {
        raw = scoped(scopes, "each.value", i);
        next = i + 3;
      } else if ((raw = scoped(scopes, t.text(), i)) != null) {
        next = i + 1;
      } else {
        // An element of a collection: local.plugins[each.key].database
        int j = i;
        StringBuilder ref = new StringBuilder(t.text());
        while (known.get(ref.toString()) == null && s.get(j + 1).isSymbol(".") && s.get(j + 2).type() == Type.IDENT) {
          j += 2;
          ref.append('.').append(s.get(j).text());
        }
        raw = known.get(ref.toString());
        if (raw == null || !s.get(j + 1).isSymbol("[") || s.get(j + 2).isSymbol("*")) {
          return null;
        }
        next = s.partner[j + 1] + 1;
      }
      if (raw == null) {
        return null;
      }
      List<String> path = new ArrayList<>();
      while (true) {
        Token a = s.get(next);
        Token b = s.get(next + 1);
        if (a != null && a.isSymbol(".") && b != null && b.type() == Type.IDENT) {
          path.add(b.text());
          next += 2;
        } else if (a != null && a.isSymbol("[") && s.plainString(next + 1) != null && s.get(s.skip(next + 1)).isSymbol("]")) {
          path.add(s.plainString(next + 1));
          next = s.skip(next + 1) + 1;
        } else {
          break;
        }
      }
      return new Element(List.copyOf(path), next, raw);
    }

    private Boolean scoped(List<Scope> scopes, String name, int i) {
      Boolean raw = null;
      int best = -1;
      for (Scope sc : scopes) {
        if (sc.name().equals(name) && sc.from() <= i && i <= sc.to() && sc.from() > best) {
          best = sc.from();
          raw = sc.raw();
        }
      }
      return raw;
    }
  }

  /** Source text of a plain traversal (a.b.c) spanning exactly from..to, else null. */
  static String traversal(Source s, int from, int to) {
    if (s.get(from) == null || s.get(from).type() != Type.IDENT) {
      return null;
    }
    StringBuilder text = new StringBuilder(s.get(from).text());
    int i = from + 1;
    while (i <= to) {
      if (i + 1 <= to && s.get(i).isSymbol(".") && s.get(i + 1).type() == Type.IDENT) {
        text.append('.').append(s.get(i + 1).text());
        i += 2;
      } else {
        return null;
      }
    }
    return text.toString();
  }

  /** "${path.module}/x" as "x", else null. */
  private static String templatePath(Source s, int open) {
    if (s.get(open).type() != Type.QUOTE_OPEN) {
      return null;
    }
    int close = s.partner[open];
    if (close != open + 7) {
      return null;
    }
    boolean pathModule = s.get(open + 1).type() == Type.INTERPOLATION
        && "path.module".equals(traversal(s, open + 2, open + 4))
        && s.get(open + 5).type() == Type.SEQUENCE_END
        && s.get(open + 6).type() == Type.LITERAL;
    return pathModule ? s.get(open + 6).text().replaceFirst("^/", "") : null;
  }

  /** Keys of the object constructor whose '{' is at open. */
  static Set<String> objectKeys(Source s, int open) {
    Set<String> keys = new LinkedHashSet<>();
    for (Attribute a : s.body(open, s.partner[open]).attributes()) {
      keys.add(a.name());
    }
    return keys;
  }

  /** A for expression: [for k, v in src : value if cond] or {for k, v in src : key => value if cond}. */
  record ForExpr(boolean object, String keyVar, String valueVar, int sourceFrom, int sourceTo, int valueFrom, int valueTo) {
    static ForExpr at(Source s, int open) {
      Token t = s.get(open);
      if (t == null || !(t.isSymbol("[") || t.isSymbol("{")) || !s.get(open + 1).isIdent("for")) {
        return null;
      }
      int close = s.partner[open];
      int i = open + 2;
      String first = s.get(i).text();
      String keyVar = null;
      String valueVar = first;
      i++;
      if (s.get(i).isSymbol(",")) {
        keyVar = first;
        valueVar = s.get(i + 1).text();
        i += 2;
      }
      if (!s.get(i).isIdent("in")) {
        return null;
      }
      int sourceFrom = i + 1;
      int colon = find(s, sourceFrom, close, ":");
      if (colon < 0) {
        return null;
      }
      int valueFrom = colon + 1;
      boolean object = t.isSymbol("{");
      if (object) {
        int arrow = find(s, valueFrom, close, "=>");
        if (arrow < 0) {
          return null;
        }
        valueFrom = arrow + 1;
      }
      int valueTo = close - 1;
      for (int j = valueFrom; j < close; j = s.skip(j)) {
        if (s.get(j).isIdent("if") || s.get(j).isSymbol("...")) {
          valueTo = j - 1;
          break;
        }
      }
      return new ForExpr(object, keyVar, valueVar, sourceFrom, colon - 1, valueFrom, valueTo);
    }

    /** The value is the element itself: a filter of the source collection. */
    boolean isFilter(Source s) {
      return valueFrom == valueTo && s.get(valueFrom).isIdent(valueVar);
    }

    private static int find(Source s, int from, int to, String symbol) {
      for (int i = from; i < to; i = s.skip(i)) {
        if (s.get(i).isSymbol(symbol)) {
          return i;
        }
      }
      return -1;
    }
  }

  List<Module> modules() {
    List<Module> modules = new ArrayList<>();
    Set<Path> dirs = new TreeSet<>();
    for (Path f : files(terraformDir(), ".tf")) {
      dirs.add(f.getParent());
    }
    for (Path dir : dirs) {
      modules.add(new Module(dir));
    }
    return modules;
  }

  /** A local that passes on a called module's output: {@code module.<call>.<output>}. */
  private static final Pattern REEXPORT = Pattern.compile("module\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

  /**
   * The module that reads the manifests, analysed together with the module that calls it and
   * creates resources from them; null (with a problem) when none or several read them.
   */
  Module manifestModule(List<String> problems) {
    List<Module> all = modules();
    List<Module> readers = all.stream().filter(Module::readsManifests).toList();
    if (readers.size() != 1) {
      problems.add("terraform/: expected exactly one module that lists the manifests with fileset(..., \""
          + MANIFEST_GLOB + "\"), found " + readers.stream().map(m -> rel(m.dir)).toList());
      return null;
    }
    Path reader = readers.get(0).dir;
    List<Path> deployers = all.stream()
        .filter(m -> m.files.stream().anyMatch(s -> s.blocks().stream().anyMatch(b -> b.type().equals("resource"))))
        .filter(m -> m.files.stream().anyMatch(s -> s.blocks().stream().anyMatch(b -> calls(m.dir, b, reader))))
        .map(m -> m.dir)
        .toList();
    return deployers.isEmpty() ? readers.get(0) : new Module(reader, deployers);
  }

  /** Whether block b, in dir, is a module block whose source is the directory target. */
  private static boolean calls(Path dir, Block b, Path target) {
    Attribute source = b.type().equals("module") ? b.body().attribute("source") : null;
    String path = source == null ? null : b.source().plainString(source.from());
    return path != null && path.startsWith(".") && dir.resolve(path).normalize().equals(target.normalize());
  }

  // ---------------------------------------------------------------- checks

  /**
   * Terraform reads the manifests with fileset + yamldecode, normalizes them into an object with
   * exactly PluginManifest's fields, and reads no field that PluginManifest does not have.
   */
  List<String> manifestReads() {
    List<String> problems = new ArrayList<>();
    Module m = manifestModule(problems);
    if (m == null) {
      return problems;
    }
    problems.addAll(m.problems);
    if (m.rawLocal == null) {
      return problems;
    }
    if (m.normalizedLocal == null) {
      problems.add(rel(m.dir) + ": no local normalizes the manifests into objects with every PluginManifest field "
          + schema.keySet() + " ({ for id, m in " + m.rawLocal + " : id => { id = m.id, ... } })");
    }
    for (Read r : m.reads) {
      String problem = checkPath(r.path());
      if (problem != null) {
        problems.add(r.where() + ": reads manifest field '" + r.dotted() + "': " + problem);
      }
    }
    return problems;
  }

  private String checkPath(List<String> path) {
    Object node = schema;
    for (int i = 0; i < path.size(); i++) {
      String seg = path.get(i);
      if (!(node instanceof Map<?, ?> fields)) {
        return "'" + String.join(".", path.subList(0, i)) + "' is a " + ((Class<?>) node).getSimpleName()
            + " in PluginManifest and has no field '" + seg + "'";
      }
      if (!fields.containsKey(seg)) {
        String parent = i == 0 ? "PluginManifest" : "PluginManifest." + String.join(".", path.subList(0, i));
        return parent + " has no field '" + seg + "' (it has " + fields.keySet() + ")";
      }
      node = fields.get(seg);
    }
    return null;
  }

  /**
   * The normalized manifest object has exactly the schema's fields, each reads the same raw field,
   * the defaults agree with the parser's, and every field is used by some resource.
   */
  List<String> normalizedManifest() {
    List<String> problems = new ArrayList<>();
    Module m = manifestModule(problems);
    if (m == null || m.normalizedLocal == null) {
      return problems.isEmpty() ? List.of("no normalized manifests local (see manifestReads)") : problems;
    }
    Attribute plugins = m.locals.get(m.normalizedLocal.substring("local.".length()));
    Source s = plugins.source();
    ForExpr f = ForExpr.at(s, plugins.from());
    compareObject(m, s, f.valueFrom(), List.of(), schema, problems);

    Set<String> used = new TreeSet<>();
    for (Read r : m.reads) {
      if (!r.raw() && checkPath(r.path()) == null) {
        used.add(r.dotted());
      }
    }
    for (String leaf : leafPaths(schema)) {
      String top = leaf.split("\\.")[0];
      // Using a whole object (each.value.resources) uses every field in it.
      boolean isUsed = used.contains(leaf) || used.contains(top);
      if (!isUsed && !NOT_DEPLOYED_FIELDS.containsKey(top)) {
        problems.add(rel(m.dir) + ": manifest field '" + leaf + "' is not used by any resource; use it, or add it "
            + "to DeploymentChecks.NOT_DEPLOYED_FIELDS with the reason Terraform does not need it");
      }
    }

    Attribute defaults = m.locals.get("manifest_defaults");
    if (defaults == null) {
      problems.add(rel(m.dir) + ": no local.manifest_defaults (the optional fields' defaults)");
    } else {
      JsonNode terraform;
      try {
        terraform = literal(defaults.source(), defaults.from());
      } catch (IllegalArgumentException e) {
        problems.add(defaults.source().where(defaults.nameIndex()) + ": manifest_defaults must be a literal: " + e.getMessage());
        return problems;
      }
      ObjectNode java = javaDefaults();
      if (!sameValue(terraform, java)) {
        problems.add(defaults.source().where(defaults.nameIndex()) + ": local.manifest_defaults is " + terraform
            + " but PluginManifestParser's defaults are " + java);
      }
    }
    return problems;
  }

  private void compareObject(Module m, Source s, int open, List<String> prefix, Map<String, Object> expected, List<String> problems) {
    List<Attribute> attributes = s.body(open, s.partner[open]).attributes();
    Set<String> keys = new LinkedHashSet<>();
    for (Attribute a : attributes) {
      keys.add(a.name());
    }
    String where = s.where(open);
    if (!keys.equals(expected.keySet())) {
      Set<String> missing = new TreeSet<>(expected.keySet());
      missing.removeAll(keys);
      Set<String> extra = new TreeSet<>(keys);
      extra.removeAll(expected.keySet());
      problems.add(where + ": normalized manifest" + (prefix.isEmpty() ? "" : " " + String.join(".", prefix))
          + " must have exactly PluginManifest's fields; missing " + missing + ", unknown " + extra);
    }
    for (Attribute a : attributes) {
      Object type = expected.get(a.name());
      List<String> path = new ArrayList<>(prefix);
      path.add(a.name());
      if (type instanceof Map<?, ?> nested && s.get(a.from()).isSymbol("{") && s.partner[a.from()] == a.to()) {
        @SuppressWarnings("unchecked")
        Map<String, Object> n = (Map<String, Object>) nested;
        compareObject(m, s, a.from(), path, n, problems);
        continue;
      }
      boolean readsSame = m.reads.stream()
          .anyMatch(r -> r.raw() && r.source() == s && r.index() >= a.from() && r.index() <= a.to() && r.path().equals(path));
      if (type != null && !readsSame) {
        problems.add(s.where(a.nameIndex()) + ": normalized field '" + String.join(".", path)
            + "' must be read from the manifest's own '" + String.join(".", path) + "'");
      }
    }
  }

  /** Numbers compare by value; everything else structurally. */
  static boolean sameValue(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.isObject() && b.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (Iterator<String> names = a.fieldNames(); names.hasNext(); ) {
        String n = names.next();
        if (!b.has(n) || !sameValue(a.get(n), b.get(n))) {
          return false;
        }
      }
      return true;
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!sameValue(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  /** A literal HCL value (string, number, bool, null, tuple, object) as JSON. */
  static JsonNode literal(Source s, int i) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    Token t = s.get(i);
    String str = s.plainString(i);
    if (str != null) {
      return f.textNode(str);
    }
    if (t.type() == Type.NUMBER) {
      return f.numberNode(new BigDecimal(t.text()));
    }
    if (t.isIdent("true") || t.isIdent("false")) {
      return f.booleanNode(t.text().equals("true"));
    }
    if (t.isIdent("null")) {
      return f.nullNode();
    }
    if (t.isSymbol("[")) {
      var array = f.arrayNode();
      for (int j = i + 1; j < s.partner[i]; j = s.skip(j)) {
        if (!s.get(j).isSymbol(",")) {
          array.add(literal(s, j));
        }
      }
      return array;
    }
    if (t.isSymbol("{")) {
      ObjectNode object = f.objectNode();
      for (Attribute a : s.body(i, s.partner[i]).attributes()) {
        if (a.from() != a.to() && s.partner[a.from()] != a.to()) {
          throw new IllegalArgumentException(a.name() + " = " + a.text() + " is not a literal");
        }
        object.set(a.name(), literal(s, a.from()));
      }
      return object;
    }
    throw new IllegalArgumentException(s.where(i) + ": '" + t.text() + "' is not a literal");
  }

  /** The gateway template iterates the manifests, routes each routePrefix and every router method. */
  List<String> gatewayTemplate(Set<String> routerMethods) {
    List<String> problems = new ArrayList<>();
    Module m = manifestModule(problems);
    if (m == null) {
      return problems;
    }
    problems.addAll(m.problems);
    List<Source> gateway = m.templates.keySet().stream()
        .filter(t -> t.tokens.stream().anyMatch(tok -> tok.type() == Type.LITERAL && tok.text().contains("x-google-backend")))
        .toList();
    if (gateway.size() != 1) {
      problems.add(rel(m.dir) + ": expected one templatefile() given the manifests that renders x-google-backend routes, found "
          + gateway.stream().map(t -> t.name).toList());
      return problems;
    }
    Source t = gateway.get(0);
    Map<String, Boolean> vars = m.templates.get(t);
    if (vars.isEmpty()) {
      problems.add(t.name + ": the template is given no manifests collection");
    }
    boolean routes = m.reads.stream().anyMatch(r -> r.source() == t && r.path().equals(List.of("routePrefix")));
    if (!routes) {
      problems.add(t.name + ": the template never reads routePrefix from a manifest it iterates");
    }
    int methodLoops = 0;
    for (int i = 0; i < t.size(); i++) {
      if (t.get(i).type() == Type.DIRECTIVE && t.get(i + 1).isIdent("for")) {
        int end = t.partner[i];
        int in = i + 2;
        while (in < end && !t.get(in).isIdent("in")) {
          in++;
        }
        if (t.get(in + 1).isSymbol("[")) {
          JsonNode items = literal(t, in + 1);
          Set<String> methods = new TreeSet<>();
          items.forEach(n -> methods.add(n.asText().toUpperCase(Locale.ROOT)));
          if (methods.stream().anyMatch(HTTP_METHODS::contains)) {
            methodLoops++;
            Set<String> missing = new TreeSet<>(routerMethods);
            missing.removeAll(methods);
            if (!missing.isEmpty()) {
              problems.add(t.where(i) + ": the router serves " + routerMethods + " but this route only has " + methods);
            }
          }
        }
      }
    }
    if (methodLoops == 0) {
      problems.add(t.name + ": no %{ for method in [\"get\", ...] } loop routes the router's methods " + routerMethods);
    }
    String literalText = t.tokens.stream().filter(tok -> tok.type() == Type.LITERAL).map(Token::text).reduce("", String::concat);
    int backends = count(literalText, "x-google-backend:");
    for (String required : List.of("path_translation: APPEND_PATH_TO_ADDRESS", "jwt_audience:", "deadline:", "address:")) {
      if (count(literalText, required) != backends) {
        problems.add(t.name + ": every x-google-backend needs '" + required + "' (" + backends + " backends, "
            + count(literalText, required) + " with it)");
      }
    }
    return problems;
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  /**
   * How terraform/ names the host of Backlot's own repository for Cloud Build: the
   * {@code github_owner}/{@code github_repo} variables, {@code https://github.com/}, repo type
   * {@code GITHUB} and "GitHub" in prose. A plugin may be named after that host (functions/github);
   * these words name the host, not the plugin, so they are taken out before ids are looked for.
   */
  private static final Pattern REPOSITORY_HOST_WORDS = Pattern.compile("GitHub|GITHUB|github\\.com|github_owner|github_repo");

  /**
   * The API gateway's identity, a proxy that passes callers' tokens on (backend.auth's
   * {@code proxyServiceAccounts}): the word names the gateway's role, not the proxy plugin
   * (functions/proxy), so it is taken out before ids are looked for.
   */
  private static final Pattern GATEWAY_PROXY_WORDS = Pattern.compile("BACKLOT_PROXY_SERVICE_ACCOUNTS");

  /** No plugin id appears as a literal (string text or identifier) in terraform/ or cloudbuild.yaml. */
  List<String> noPluginIdLiterals(Set<String> ids) {
    List<String> problems = new ArrayList<>();
    List<Source> sources = new ArrayList<>(hclSources());
    sources.addAll(templateSources());
    for (Source s : sources) {
      for (int i = 0; i < s.size(); i++) {
        Token t = s.get(i);
        String text = GATEWAY_PROXY_WORDS.matcher(REPOSITORY_HOST_WORDS.matcher(t.text()).replaceAll(" ")).replaceAll(" ");
        if (isGitHubSourceBlock(s, i)) {
          continue;
        }
        for (String id : ids) {
          if (t.type() == Type.LITERAL && hyphenWord(text, id)) {
            problems.add(s.where(i) + ": plugin id '" + id + "' as a literal in \"" + t.text().strip()
                + "\"; everything plugin-specific must come from the manifests");
          } else if (t.type() == Type.IDENT && underscoreWord(text, id)) {
            problems.add(s.where(i) + ": plugin id '" + id + "' in the name " + t.text()
                + "; everything plugin-specific must come from the manifests");
          }
        }
      }
    }
    if (Files.isRegularFile(cloudBuildFile())) {
      List<String> lines = read(cloudBuildFile()).lines().toList();
      for (int n = 0; n < lines.size(); n++) {
        String line = lines.get(n).strip();
        if (line.startsWith("#")) {
          continue;
        }
        for (String id : ids) {
          if (hyphenWord(line, id)) {
            problems.add("cloudbuild.yaml:" + (n + 1) + ": plugin id '" + id + "' as a literal");
          }
        }
      }
    }
    return problems;
  }

  /** The label of Cloud Build's {@code dynamic "github"} source block: the provider's name for the host. */
  private static boolean isGitHubSourceBlock(Source s, int i) {
    Token t = s.get(i);
    if (t.type() != Type.LITERAL || !t.text().equals("github")) {
      return false;
    }
    for (int back = i - 1; back >= Math.max(0, i - 2); back--) {
      if (s.get(back).isIdent("dynamic")) {
        return true;
      }
    }
    return false;
  }

  private static boolean hyphenWord(String text, String id) {
    return Pattern.compile("(?<![a-z0-9])" + Pattern.quote(id) + "(?![a-z0-9])")
        .matcher(text.toLowerCase(Locale.ROOT))
        .find();
  }

  private static boolean underscoreWord(String ident, String id) {
    return Pattern.compile("(?<![a-z0-9])" + Pattern.quote(id.replace('-', '_')) + "(?![a-z0-9])")
        .matcher(ident.toLowerCase(Locale.ROOT).replace('-', '_'))
        .find();
  }

  private static final Pattern SUBSTITUTION = Pattern.compile("\\$(\\$|\\{([A-Za-z_][A-Za-z0-9_]*)}|([A-Za-z_][A-Za-z0-9_]*))?");

  /** Substitutions referenced by cloudbuild.yaml (outside its own substitutions block). */
  Set<String> cloudBuildSubstitutions(List<String> problems) {
    return cloudBuildSubstitutions(cloudBuildFile(), problems);
  }

  /** Substitutions referenced by the pipeline {@code file} (outside its own substitutions block). */
  Set<String> cloudBuildSubstitutions(Path file, List<String> problems) {
    JsonNode build;
    try {
      build = YAML.readTree(file.toFile());
    } catch (IOException e) {
      problems.add(rel(file) + ": not readable YAML: " + e.getMessage());
      return Set.of();
    }
    Set<String> used = new TreeSet<>();
    List<String> strings = new ArrayList<>();
    collectStrings(build, strings, true);
    for (String s : strings) {
      Matcher m = SUBSTITUTION.matcher(s);
      while (m.find()) {
        if (m.group(1) == null) {
          String context = s.substring(Math.max(0, m.start() - 20), Math.min(s.length(), m.end() + 20)).replace('\n', ' ');
          problems.add(rel(file) + ": a lone '$' in \"..." + context + "...\": write $$ for a shell '$'");
        } else if (!m.group(1).equals("$")) {
          used.add(m.group(2) != null ? m.group(2) : m.group(3));
        }
      }
    }
    return used;
  }

  private static void collectStrings(JsonNode node, List<String> out, boolean top) {
    if (node.isTextual()) {
      out.add(node.asText());
    } else if (node.isObject()) {
      node.properties().forEach(e -> {
        if (!(top && e.getKey().equals("substitutions"))) {
          collectStrings(e.getValue(), out, false);
        }
      });
    } else if (node.isArray()) {
      node.forEach(n -> collectStrings(n, out, false));
    }
  }

  /**
   * Every substitution cloudbuild.yaml uses is built in or set by every Cloud Build trigger in
   * Terraform, and every trigger sets only substitutions the file uses (Cloud Build rejects
   * unused ones). Plugin triggers take _PLUGIN and _SMOKE_PATH from the manifest.
   */
  List<String> cloudBuildTriggers() {
    List<String> problems = new ArrayList<>();
    if (!Files.isRegularFile(cloudBuildFile())) {
      return List.of("cloudbuild.yaml is missing");
    }
    Set<String> used = cloudBuildSubstitutions(problems);
    for (String name : used) {
      if (!name.startsWith("_") && !BUILT_IN_SUBSTITUTIONS.contains(name)) {
        problems.add("cloudbuild.yaml: ${" + name + "} is neither a built-in substitution nor a user one (_NAME); "
            + "write $$" + name + " for a shell variable");
      }
    }
    Set<String> userUsed = new TreeSet<>(used);
    userUsed.removeIf(n -> !n.startsWith("_") || BUILT_IN_SUBSTITUTIONS.contains(n));

    Module m = manifestModule(new ArrayList<>());
    int triggers = 0;
    int pluginTriggers = 0;
    for (Source s : hclSources()) {
      for (Block b : s.blocks()) {
        if (!b.type().equals("resource") || !b.label(0).equals("google_cloudbuild_trigger")) {
          continue;
        }
        triggers++;
        String name = "google_cloudbuild_trigger." + b.label(1) + " (" + b.where() + ")";
        Hcl.Body body = b.body();
        if (runs(s, body, UI_PLUGIN_PIPELINE)) {
          problems.addAll(uiPluginTrigger(s, body, name));
          continue;
        }
        if (!runs(s, body, "cloudbuild.yaml")) {
          problems.add(name + ": runs no cloudbuild.yaml (filename or git_file_source.path)");
        }
        Attribute subs = body.attribute("substitutions");
        if (subs == null || !s.get(subs.from()).isSymbol("{") || s.partner[subs.from()] != subs.to()) {
          problems.add(name + ": substitutions must be an object constructor listing every key");
          continue;
        }
        Map<String, Attribute> given = new TreeMap<>();
        for (Attribute a : s.body(subs.from(), subs.to()).attributes()) {
          given.put(a.name(), a);
        }
        Set<String> missing = new TreeSet<>(userUsed);
        missing.removeAll(given.keySet());
        Set<String> unused = new TreeSet<>(given.keySet());
        unused.removeAll(userUsed);
        if (!missing.isEmpty()) {
          problems.add(name + ": cloudbuild.yaml uses " + missing + " which this trigger does not set");
        }
        if (!unused.isEmpty()) {
          problems.add(name + ": sets " + unused + " which cloudbuild.yaml does not use (Cloud Build rejects the build)");
        }
        Attribute forEach = body.attribute("for_each");
        if (m != null && forEach != null && m.collectionKind(s, forEach.from(), forEach.to(), m.collections) != null) {
          pluginTriggers++;
          expectText(problems, name, given.get("_PLUGIN"), "_PLUGIN", "each.key", "each.value.id");
          expectText(problems, name, given.get("_SMOKE_PATH"), "_SMOKE_PATH", "each.value.smokeTest");
          Attribute included = body.attribute("included_files");
          if (included == null || !included.text().contains("\"functions/${each.key}/**\"")) {
            problems.add(name + ": included_files must contain \"functions/${each.key}/**\" so a plugin's change builds it");
          }
        }
      }
    }
    if (triggers == 0) {
      problems.add("terraform/: no google_cloudbuild_trigger runs cloudbuild.yaml");
    }
    if (pluginTriggers == 0) {
      problems.add("terraform/: no google_cloudbuild_trigger has for_each over the manifests");
    }
    return problems;
  }

  /** Whether the trigger runs {@code file}, as filename or git_file_source.path. */
  private static boolean runs(Source s, Hcl.Body body, String file) {
    return file.equals(stringIn(s, body.attribute("filename")))
        || body.blocks().stream().filter(x -> x.type().equals("git_file_source"))
            .anyMatch(x -> file.equals(stringIn(s, x.body().attribute("path"))));
  }

  /**
   * A UI plugin's trigger: one per plugins/<id> folder (for_each, _UI_PLUGIN = each.key, its folder
   * in included_files), setting exactly the substitutions plugins/cloudbuild.yaml uses.
   */
  private List<String> uiPluginTrigger(Source s, Hcl.Body body, String name) {
    List<String> problems = new ArrayList<>();
    Path file = root.resolve(UI_PLUGIN_PIPELINE);
    if (!Files.isRegularFile(file)) {
      return List.of(name + ": runs " + UI_PLUGIN_PIPELINE + ", which is missing");
    }
    Set<String> used = new TreeSet<>(cloudBuildSubstitutions(file, problems));
    used.removeIf(n -> !n.startsWith("_") || BUILT_IN_SUBSTITUTIONS.contains(n));
    Attribute subs = body.attribute("substitutions");
    if (subs == null || !s.get(subs.from()).isSymbol("{") || s.partner[subs.from()] != subs.to()) {
      problems.add(name + ": substitutions must be an object constructor listing every key");
      return problems;
    }
    Map<String, Attribute> given = new TreeMap<>();
    s.body(subs.from(), subs.to()).attributes().forEach(a -> given.put(a.name(), a));
    if (!given.keySet().equals(used)) {
      problems.add(name + ": sets " + given.keySet() + " but " + UI_PLUGIN_PIPELINE + " uses " + used + " (Cloud Build rejects any difference)");
    }
    expectText(problems, name, given.get("_UI_PLUGIN"), "_UI_PLUGIN", "each.key");
    Attribute included = body.attribute("included_files");
    if (included == null || !included.text().contains("\"plugins/${each.key}/**\"")) {
      problems.add(name + ": included_files must contain \"plugins/${each.key}/**\" so a UI plugin's change builds it");
    }
    return problems;
  }

  private static void expectText(List<String> problems, String trigger, Attribute a, String key, String... allowed) {
    if (a != null && !List.of(allowed).contains(a.text().strip())) {
      problems.add(trigger + ": " + key + " must be " + String.join(" or ", allowed) + ", is " + a.text());
    }
  }

  /**
   * What every image is built from outside its own module folder, each by an example path with the
   * reason: a trigger's included_files must match each of them.
   */
  static final Map<String, String> IMAGE_INPUTS =
      Map.of(
          "pom.xml", "the parent pom",
          ".mvn/wrapper/maven-wrapper.properties", "the Maven wrapper",
          "mvnw", "the Maven wrapper",
          "cloudbuild.yaml", "the pipeline",
          "shared/any-module/pom.xml", "the shared modules (shared/**)",
          "image/aot-train.sh", "the AOT cache training",
          "app-config.yaml", "a config layer the poms copy into the image",
          "app-config.production.yaml", "a config layer the poms copy into the image");

  /** What a UI plugin's bundle is built from besides its own folder (docs/ui-plugins.md). */
  static final Map<String, String> UI_PLUGIN_INPUTS =
      Map.of(
          "plugins/cloudbuild.yaml", "the UI plugin pipeline",
          "plugins/tsconfig.ui-plugin.json", "the compiler settings every UI plugin extends",
          "frontend-shell/web/package-lock.json", "the web UI's toolchain that builds it",
          "frontend-shell/web/ui-plugin-build/build.mjs", "the build (frontend-shell/web/ui-plugin-build/**)",
          "frontend-shell/web/src/uiplugins/pluginApi.ts", "the plugin API it is type-checked against",
          "frontend-shell/web/src/uiplugins/pluginApiNames.json", "the plugin API names the bridge exports");

  /** What a function's image is built from besides {@link #IMAGE_INPUTS}. */
  static final Map<String, String> FUNCTION_IMAGE_INPUTS =
      Map.of(
          "functions/pom.xml", "the functions' parent pom with the Jib config",
          "functions/image/jvm.args", "the functions' jvm.args (functions/image/**)");

  /**
   * Every Cloud Build trigger's included_files covers all its image is built from: its module
   * (the _MODULE substitution), {@link #IMAGE_INPUTS}, each app-config.<env>.yaml at the root and,
   * for a function, {@link #FUNCTION_IMAGE_INPUTS}. A change to an input left out would reach the
   * next image of another change, untested by its own build.
   */
  List<String> triggerInputs() {
    List<String> problems = new ArrayList<>();
    Map<String, String> common = new TreeMap<>(IMAGE_INPUTS);
    configLayers().forEach(f -> common.put(f, "a config layer the poms copy into the image"));
    for (Module m : modules()) {
      for (Source s : m.files) {
        for (Block b : s.blocks()) {
          if (!b.type().equals("resource") || !b.label(0).equals("google_cloudbuild_trigger")) {
            continue;
          }
          String name = "google_cloudbuild_trigger." + b.label(1) + " (" + b.where() + ")";
          Attribute included = b.body().attribute("included_files");
          if (runs(s, b.body(), UI_PLUGIN_PIPELINE)) {
            List<Pattern> globs = included == null ? List.of() : strings(m, s, included.from(), included.to()).stream().map(DeploymentChecks::glob).toList();
            UI_PLUGIN_INPUTS.forEach((path, why) -> {
              if (globs.stream().noneMatch(g -> g.matcher(path).matches())) {
                problems.add(name + ": included_files does not cover " + path + " (" + why + "), which its bundle is built from");
              }
            });
            continue;
          }
          Attribute subs = b.body().attribute("substitutions");
          Attribute module = subs == null ? null : s.body(subs.from(), subs.to()).attributes().stream()
              .filter(a -> a.name().equals("_MODULE")).findFirst().orElse(null);
          if (included == null || module == null) {
            problems.add(name + ": needs included_files and a _MODULE substitution naming the module it builds");
            continue;
          }
          String folder = sameForEachKey(String.join("", strings(m, s, module.from(), module.to())));
          Map<String, String> inputs = new TreeMap<>(common);
          inputs.put(folder + "/pom.xml", "its module " + folder);
          if (folder.startsWith("functions/")) {
            inputs.putAll(FUNCTION_IMAGE_INPUTS);
          }
          List<Pattern> globs = strings(m, s, included.from(), included.to()).stream().map(DeploymentChecks::glob).toList();
          inputs.forEach((path, why) -> {
            if (globs.stream().noneMatch(g -> g.matcher(path).matches())) {
              problems.add(name + ": included_files does not cover " + path + " (" + why + "), which its image is built from");
            }
          });
        }
      }
    }
    return problems;
  }

  /** Roles no plugin's service account may hold: the basic roles that can change the project. */
  static final Set<String> BROAD_ROLES = Set.of("roles/owner", "roles/editor");

  /**
   * Plugins get least privilege: every project-level grant to a plugin's service account
   * (google_project_iam_member) carries a condition narrowing it to what the plugin uses, and no
   * grant of any kind gives one roles/owner, roles/editor or an admin role.
   */
  List<String> pluginIam() {
    List<String> problems = new ArrayList<>();
    for (Module m : modules()) {
      for (Source s : m.files) {
        for (Block b : s.blocks()) {
          Hcl.Body body = b.body();
          Attribute member = body.attribute("member") != null ? body.attribute("member") : body.attribute("members");
          if (!b.type().equals("resource") || member == null || !refersTo(member.text(), "google_service_account.plugin")) {
            continue;
          }
          String name = b.label(0) + "." + b.label(1) + " (" + b.where() + ")";
          boolean conditioned = body.blocks().stream()
              .anyMatch(c -> c.type().equals("condition") && c.body().attribute("expression") != null);
          if (b.label(0).equals("google_project_iam_member") && !conditioned) {
            problems.add(name + ": grants a plugin's service account a role on the whole project; add a condition "
                + "{ expression = ... } that limits it to the resources the plugin uses");
          }
          Attribute role = body.attribute("role");
          List<String> roles = new ArrayList<>();
          if (role != null) {
            roles.addAll(strings(m, s, role.from(), role.to()));
            Attribute forEach = body.attribute("for_each");
            if (forEach != null && role.text().contains("each.")) {
              roles.addAll(strings(m, s, forEach.from(), forEach.to()));
            }
          }
          if (roles.isEmpty()) {
            problems.add(name + ": role must be written as a string (or for_each over strings) so it can be checked");
          }
          for (String r : roles) {
            if (BROAD_ROLES.contains(r) || r.toLowerCase(Locale.ROOT).contains("admin")) {
              problems.add(name + ": gives a plugin's service account " + r + "; plugins get only the roles their manifest needs");
            }
          }
        }
      }
    }
    return problems;
  }

  /** The root's app-config.<env>.yaml files; the poms copy all but app-config.local.yaml (not in git). */
  private List<String> configLayers() {
    try (Stream<Path> list = Files.list(root)) {
      return list.map(p -> p.getFileName().toString())
          .filter(n -> n.matches("app-config\\..+\\.yaml") && !n.equals("app-config.local.yaml"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every string an expression may yield, as written, following local.<name> within the module. */
  private static List<String> strings(Module m, Source s, int from, int to) {
    List<String> out = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      Token t = s.get(i);
      if (t.type() == Type.QUOTE_OPEN) {
        int close = s.partner[i];
        out.add(close == i + 1 ? "" : s.text(i + 1, close - 1));
        i = close;
      } else if (t.isIdent("local") && s.get(i + 1).isSymbol(".") && (i == 0 || !s.get(i - 1).isSymbol("."))) {
        Attribute a = m.locals.get(s.get(i + 2).text());
        if (a != null) {
          out.addAll(strings(m, a.source(), a.from(), a.to()));
        }
        i += 2;
      }
    }
    return out;
  }

  /** Interpolations (${each.key}) as one stand-in, so a glob's and a path's compare equal. */
  private static String sameForEachKey(String text) {
    return text.replaceAll("\\$\\{[^}]*}", "<each>");
  }

  /** A Cloud Build included_files glob: ** crosses directories, * and ? stay within one. */
  static Pattern glob(String glob) {
    String g = sameForEachKey(glob);
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < g.length(); i++) {
      if (g.startsWith("**", i)) {
        re.append(".*");
        i++;
      } else if (g.charAt(i) == '*') {
        re.append("[^/]*");
      } else if (g.charAt(i) == '?') {
        re.append("[^/]");
      } else {
        re.append(Pattern.quote(String.valueOf(g.charAt(i))));
      }
    }
    return Pattern.compile(re.toString());
  }

  private static String stringIn(Source s, Attribute a) {
    if (a == null) {
      return null;
    }
    for (int i = a.from(); i <= a.to(); i++) {
      String str = s.plainString(i);
      if (str != null && str.endsWith(".yaml")) {
        return str;
      }
    }
    return null;
  }

  /**
   * Every plugin and the shell have an uptime check on /healthcheck, and every uptime check is
   * watched by an alert policy: a google_monitoring_uptime_check_config with for_each over all
   * the manifests (not a subset) whose http_check path is the plugin's healthcheck, one for the
   * shell's service, and a google_monitoring_alert_policy that refers to each of them.
   */
  List<String> uptimeChecks() {
    List<String> problems = new ArrayList<>();
    Module m = manifestModule(problems);
    if (m == null) {
      return problems;
    }
    Set<String> allManifests = everyManifest(m);
    List<Block> checks = new ArrayList<>();
    List<String> policies = new ArrayList<>();
    List<Attribute> locals = new ArrayList<>();
    for (Source s : hclSources()) {
      for (Block b : s.blocks()) {
        if (b.type().equals("resource") && b.label(0).equals("google_monitoring_uptime_check_config")) {
          checks.add(b);
        } else if (b.type().equals("resource") && b.label(0).equals("google_monitoring_alert_policy")) {
          policies.add(s.text(b.open(), b.close()));
        } else if (b.type().equals("locals")) {
          locals.addAll(b.body().attributes());
        }
      }
    }
    // An alert policy may take its checks through a local (for_each over a map of check ids).
    for (Attribute a : locals) {
      if (policies.stream().anyMatch(p -> refersTo(p, "local." + a.name()))) {
        policies.add(a.text());
      }
    }
    boolean pluginCheck = false;
    boolean shellCheck = false;
    for (Block b : checks) {
      Source s = b.source();
      String name = "google_monitoring_uptime_check_config." + b.label(1) + " (" + b.where() + ")";
      String path = b.body().blocks().stream()
          .filter(x -> x.type().equals("http_check"))
          .map(x -> x.body().attribute("path"))
          .filter(java.util.Objects::nonNull)
          .map(a -> a.text().strip())
          .findFirst()
          .orElse(null);
      Attribute forEach = b.body().attribute("for_each");
      Boolean manifests = forEach == null ? null : m.collectionKind(s, forEach.from(), forEach.to(), m.collections);
      if (manifests != null) {
        String source = traversal(s, forEach.from(), forEach.to());
        if (source == null || !allManifests.contains(source)) {
          problems.add(name + ": for_each must be every manifest (" + String.join(" or ", allManifests) + "), not "
              + forEach.text().strip() + ": a plugin left out has no uptime check");
        } else if (!List.of("\"${each.value.routePrefix}/healthcheck\"", "\"/healthcheck\"").contains(path)) {
          problems.add(name + ": http_check.path must be \"${each.value.routePrefix}/healthcheck\" (through the gateway) or "
              + "\"/healthcheck\", is " + path);
        } else {
          pluginCheck = true;
        }
      } else if (s.text(b.open(), b.close()).contains("google_cloud_run_v2_service.shell.")) {
        if (!"\"/healthcheck\"".equals(path)) {
          problems.add(name + ": http_check.path of the shell's check must be \"/healthcheck\", is " + path);
        } else {
          shellCheck = true;
        }
      }
      String ref = "google_monitoring_uptime_check_config." + b.label(1);
      boolean alerted = policies.stream().anyMatch(p -> refersTo(p, ref));
      if (!alerted) {
        problems.add(name + ": no google_monitoring_alert_policy refers to it; a failing check would alert nobody");
      }
    }
    if (!pluginCheck) {
      problems.add("terraform/: no google_monitoring_uptime_check_config with for_each over every manifest checks "
          + "each plugin's /healthcheck");
    }
    if (!shellCheck) {
      problems.add("terraform/: no google_monitoring_uptime_check_config checks the shell's /healthcheck "
          + "(google_cloud_run_v2_service.shell)");
    }
    return problems;
  }

  /** The locals that hold every manifest: the decoded files and their normalized form. */
  private static Set<String> everyManifest(Module m) {
    Set<String> all = new TreeSet<>();
    if (m.rawLocal != null) {
      all.add(m.rawLocal);
    }
    if (m.normalizedLocal != null) {
      all.add(m.normalizedLocal);
    }
    return all;
  }

  /** What each plugin gets, by resource type: one of that type must iterate over every manifest. */
  static final Map<String, String> PER_PLUGIN = Map.of(
      "google_cloud_run_v2_service", "its Cloud Run service",
      "google_service_account", "its own service account",
      "google_cloud_run_v2_service_iam_binding", "the invokers of its service (the gateway among them)",
      "google_cloudbuild_trigger", "its build trigger");

  /** What each plugin with a database gets: one of that type must iterate over those manifests. */
  static final Map<String, String> PER_DATABASE_PLUGIN = Map.of(
      "google_sql_database", "its database",
      "google_sql_user", "its IAM database user");

  /**
   * A new plugin folder gets its service, identity, invoker grant, trigger and (with {@code
   * database: true}) database and database user with no Terraform edit: for each, a resource
   * whose for_each is every manifest, or a local that keeps the manifests with a database.
   */
  List<String> perPluginResources() {
    List<String> problems = new ArrayList<>();
    Module m = manifestModule(problems);
    if (m == null) {
      return problems;
    }
    Set<String> allManifests = everyManifest(m);
    Set<String> databaseManifests = new TreeSet<>();
    m.locals.forEach((name, a) -> {
      if (allManifests.stream().anyMatch(all -> refersTo(a.text(), all)) && a.text().matches("(?s).*\\bif\\s+\\w+\\.database\\b.*")) {
        databaseManifests.add("local." + name);
      }
    });
    Map<String, Set<String>> iterated = new TreeMap<>();
    for (Source s : hclSources()) {
      for (Block b : s.blocks()) {
        Attribute forEach = b.type().equals("resource") ? b.body().attribute("for_each") : null;
        String source = forEach == null ? null : traversal(s, forEach.from(), forEach.to());
        if (source != null) {
          iterated.computeIfAbsent(b.label(0), t -> new TreeSet<>()).add(source);
        }
      }
    }
    PER_PLUGIN.forEach((type, what) -> {
      if (iterated.getOrDefault(type, Set.of()).stream().noneMatch(allManifests::contains)) {
        problems.add("terraform/: no " + type + " with for_each over every manifest (" + String.join(" or ", allManifests)
            + "): a new plugin would not get " + what);
      }
    });
    PER_DATABASE_PLUGIN.forEach((type, what) -> {
      if (iterated.getOrDefault(type, Set.of()).stream().noneMatch(databaseManifests::contains)) {
        problems.add("terraform/: no " + type + " with for_each over the manifests with database: true "
            + (databaseManifests.isEmpty() ? "(no local keeps them)" : "(" + String.join(" or ", databaseManifests) + ")")
            + ": a new plugin would not get " + what);
      }
    });
    return problems;
  }

  /** Files every environment root shares: environments/common/<name>, linked into each root. */
  static final List<String> SHARED_ROOT_FILES = List.of("variables.tf", "outputs.tf");

  /**
   * Every Terraform directory uses each variable it declares and declares each variable it uses
   * (what terraform validate would report, which needs the providers), and every environment
   * root under terraform/environments/ has environments/common's shared files, unchanged.
   */
  List<String> variables() {
    List<String> problems = new ArrayList<>();
    for (Module m : modules()) {
      Map<String, String> declared = new TreeMap<>();
      Map<String, String> used = new TreeMap<>();
      for (Source s : m.files) {
        List<Block> variableBlocks = s.blocks().stream().filter(b -> b.type().equals("variable")).toList();
        variableBlocks.forEach(b -> declared.putIfAbsent(b.label(0), b.where()));
        for (int i = 0; i + 2 < s.size(); i++) {
          int at = i;
          boolean inOwnBlock = variableBlocks.stream().anyMatch(b -> b.open() <= at && at <= b.close());
          if (s.get(i).isIdent("var") && s.get(i + 1).isSymbol(".") && s.get(i + 2).type() == Type.IDENT
              && (i == 0 || !s.get(i - 1).isSymbol(".")) && !inOwnBlock) {
            used.putIfAbsent(s.get(i + 2).text(), s.where(i));
          }
        }
      }
      boolean shared = m.dir.equals(terraformDir().resolve("environments/common"));
      declared.forEach((name, where) -> {
        if (!used.containsKey(name) && !shared) {
          problems.add(where + ": variable \"" + name + "\" is declared but never used in " + rel(m.dir));
        }
      });
      used.forEach((name, where) -> {
        if (!declared.containsKey(name)) {
          problems.add(where + ": var." + name + " is used but " + rel(m.dir) + " declares no variable \"" + name + "\"");
        }
      });
    }
    Path environments = terraformDir().resolve("environments");
    Path common = environments.resolve("common");
    if (Files.isDirectory(environments)) {
      try (Stream<Path> dirs = Files.list(environments)) {
        for (Path env : dirs.filter(Files::isDirectory).filter(d -> !d.equals(common)).sorted().toList()) {
          for (String name : SHARED_ROOT_FILES) {
            Path file = env.resolve(name);
            if (!Files.isRegularFile(file) || Files.mismatch(file, common.resolve(name)) != -1) {
              problems.add(rel(file) + ": must be the link ../common/" + name + " (ln -s ../common/" + name + " " + name
                  + "); put what only this root needs in variables-" + env.getFileName() + ".tf");
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return problems;
  }

  /** The text names ref as a whole reference (local.a does not refer to local.ab). */
  private static boolean refersTo(String text, String ref) {
    return Pattern.compile("(?<![A-Za-z0-9_.])" + Pattern.quote(ref) + "(?![A-Za-z0-9_])").matcher(text).find();
  }

  /** What a secret looks like; checked line by line in terraform/ and cloudbuild.yaml. */
  static final List<Map.Entry<String, Pattern>> SECRET_PATTERNS =
      List.of(
          Map.entry("a PEM block", Pattern.compile("-----BEGIN[ A-Z]*-----")),
          Map.entry("an AWS access key id", Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b")),
          Map.entry("a GitHub token", Pattern.compile("\\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})")),
          Map.entry("a Google API key", Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}")),
          Map.entry("a Slack token", Pattern.compile("\\bxox[abprs]-[A-Za-z0-9-]{10,}")),
          Map.entry("a service account key", Pattern.compile("\"private_key(_id)?\"\\s*:")),
          Map.entry("an Okta API token", Pattern.compile("\\b00[A-Za-z0-9_-]{40}\\b")));

  private static final Pattern SECRET_ASSIGNMENT =
      Pattern.compile("(?i)([A-Za-z0-9_.-]*(password|passwd|secret|token|api_?key|private_?key|credentials?)[A-Za-z0-9_.-]*)\"?\\s*[=:]\\s*\"([^\"]*)\"");

  /** A value that looks generated: long, from a base64/hex alphabet, with mixed character classes. */
  static boolean looksGenerated(String value) {
    if (value.length() < 16 || !value.matches("[A-Za-z0-9+/=_.~-]+")) {
      return false;
    }
    boolean upper = value.chars().anyMatch(Character::isUpperCase);
    boolean lower = value.chars().anyMatch(Character::isLowerCase);
    boolean digit = value.chars().anyMatch(Character::isDigit);
    return (upper && lower && digit) || (digit && value.length() >= 32 && !value.contains("-"));
  }

  /** Problems for one file's text. */
  static List<String> secretsIn(String name, String text) {
    List<String> problems = new ArrayList<>();
    List<String> lines = text.lines().toList();
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n);
      for (Map.Entry<String, Pattern> p : SECRET_PATTERNS) {
        if (p.getValue().matcher(line).find()) {
          problems.add(name + ":" + (n + 1) + ": looks like " + p.getKey());
        }
      }
      Matcher m = SECRET_ASSIGNMENT.matcher(line);
      while (m.find()) {
        if (looksGenerated(m.group(3))) {
          problems.add(name + ":" + (n + 1) + ": " + m.group(1) + " is assigned what looks like a secret value");
        }
      }
    }
    return problems;
  }

  /**
   * A secret Google generates (in Terraform state already as an attribute of its resource, which
   * the provider cannot avoid): the one value a google_secret_manager_secret_version may take from
   * Terraform, and only write-only ({@code secret_data_wo}), so no second copy lands in state.
   */
  private static final Pattern GENERATED_SECRET = Pattern.compile("google_redis_instance\\.\\w+(\\[0])?\\.auth_string");

  /**
   * No secret values in terraform/ or cloudbuild.yaml; secrets are declared without versions,
   * except a write-only version holding a secret Google generates ({@link #GENERATED_SECRET}).
   */
  List<String> noSecrets() {
    List<String> problems = new ArrayList<>();
    List<Path> files = new ArrayList<>(files(terraformDir(), ""));
    if (Files.isRegularFile(cloudBuildFile())) {
      files.add(cloudBuildFile());
    }
    for (Path f : files) {
      problems.addAll(secretsIn(rel(f), read(f)));
    }
    for (Source s : hclSources()) {
      Set<Integer> generated = new TreeSet<>();
      for (Block b : s.blocks()) {
        if (b.type().equals("resource") && b.label(0).equals("google_secret_manager_secret_version")) {
          Attribute data = b.body().attribute("secret_data_wo");
          if (b.body().attribute("secret_data") == null && data != null && GENERATED_SECRET.matcher(data.text().trim()).matches()) {
            generated.add(data.nameIndex());
            continue;
          }
          problems.add(b.where() + ": google_secret_manager_secret_version puts a secret value into Terraform state; "
              + "add versions with gcloud secrets versions add");
        }
      }
      for (int i = 0; i < s.size(); i++) {
        if (s.get(i).isIdent("secret_data") && s.get(i + 1) != null && s.get(i + 1).isSymbol("=") && !generated.contains(i)) {
          problems.add(s.where(i) + ": secret_data puts a secret value into Terraform");
        }
      }
    }
    return problems;
  }

  /**
   * The cache's Memorystore instance requires AUTH and TLS (its content becomes catalog input, so
   * whoever else reaches the network must neither read nor write it), and its AUTH string is used
   * only as the value of a Secret Manager version: no plain environment variable, output or local
   * carries it.
   */
  List<String> cacheAuthAndTls() {
    List<String> problems = new ArrayList<>();
    for (Source s : hclSources()) {
      Set<Integer> inSecretVersions = new TreeSet<>();
      for (Block b : s.blocks()) {
        if (b.type().equals("resource") && b.label(0).equals("google_redis_instance")) {
          requireAttribute(problems, b, "auth_enabled", "true", "clients must know the AUTH string");
          requireAttribute(problems, b, "transit_encryption_mode", "\"SERVER_AUTHENTICATION\"", "clients must talk TLS to the instance");
        }
        Attribute data = b.type().equals("resource") && b.label(0).equals("google_secret_manager_secret_version")
            ? b.body().attribute("secret_data_wo") : null;
        if (data != null) {
          for (int i = data.from(); i <= data.to(); i++) {
            inSecretVersions.add(i);
          }
        }
      }
      for (int i = 0; i < s.size(); i++) {
        if (s.get(i).isIdent("auth_string") && !inSecretVersions.contains(i)) {
          problems.add(s.where(i) + ": the Redis AUTH string may only go into a google_secret_manager_secret_version "
              + "(the plugins read it from Secret Manager), not into plain configuration or an output");
        }
      }
    }
    return problems;
  }

  private static void requireAttribute(List<String> problems, Block b, String name, String value, String why) {
    Attribute a = b.body().attribute(name);
    if (a == null || !a.text().trim().equals(value)) {
      problems.add(b.where() + ": " + b.label(0) + "." + b.label(1) + " needs " + name + " = " + value + ": " + why);
    }
  }

  /** Plugin ids of every manifest under a functions directory (for the literal check). */
  static Set<String> idsIn(Path functionsDir) {
    Set<String> ids = new TreeSet<>();
    if (Files.isDirectory(functionsDir)) {
      PluginManifests.load(functionsDir).forEach(m -> ids.add(m.id()));
    }
    return ids;
  }
}
