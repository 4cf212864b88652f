package dev.backlot.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.backlot.platform.FunctionMain;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.config.ConfigLoader;
import dev.backlot.platform.manifest.PluginManifest;
import dev.backlot.platform.manifest.PluginManifests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The container images start functions exactly as the local launcher does, and their AOT cache is
 * trained where it will be used: read from the poms (Jib), functions/image/ and frontend-shell/image/
 * (the argument files), image/aot-train.sh (the training script) and cloudbuild.yaml, plus the files a build of functions/ produced.
 */
class ContainerImageTest {
  private static final Path ROOT = root();
  private static final String AOT_CACHE = "/app/aot/function.aot";
  private static final String SHELL_AOT_CACHE = "/app/aot/shell.aot";
  private static final String JVM_ARGS = "/app/jvm.args";

  private static Path root() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("cloudbuild.yaml")) && Files.isDirectory(dir.resolve("functions"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
  }

  private static Element pom(Path file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document doc = factory.newDocumentBuilder().parse(file.toFile());
    return doc.getDocumentElement();
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent == null ? null : parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && (name == null || e.getTagName().equals(name))) {
        out.add(e);
      }
    }
    return out;
  }

  /** The element at a path of child names, or null. */
  private static Element at(Element from, String... path) {
    Element e = from;
    for (String name : path) {
      List<Element> c = children(e, name);
      if (c.isEmpty()) {
        return null;
      }
      e = c.get(0);
    }
    return e;
  }

  private static String text(Element from, String... path) {
    Element e = at(from, path);
    return e == null ? null : e.getTextContent().strip();
  }

  /** The jib-maven-plugin element among plugins, or null. */
  private static Element jib(Element plugins) {
    return children(plugins, "plugin").stream()
        .filter(p -> "jib-maven-plugin".equals(text(p, "artifactId")))
        .findFirst()
        .orElse(null);
  }

  private static String rootProperty(String name) throws Exception {
    return text(pom(ROOT.resolve("pom.xml")), "properties", name);
  }

  @Test
  void jibIsPinnedOnceAndSkippedWhereNoImageIsMade() throws Exception {
    Element root = pom(ROOT.resolve("pom.xml"));
    Element jib = jib(at(root, "build", "pluginManagement", "plugins"));

    assertNotNull(jib, "pom.xml pluginManagement pins jib-maven-plugin");
    assertEquals("${jib-maven-plugin.version}", text(jib, "version"));
    assertEquals("3.5.2", rootProperty("jib-maven-plugin.version"));
    assertEquals("true", text(jib, "configuration", "skip"), "modules that are no image skip jib:build under -am");
    assertEquals("${backlot.image.base}", text(jib, "configuration", "from", "image"));
    assertEquals("EPOCH_PLUS_SECOND", text(jib, "configuration", "container", "filesModificationTime"));
    assertTrue(rootProperty("backlot.image.base").startsWith("eclipse-temurin:25-jre"), rootProperty("backlot.image.base"));
    assertEquals("${backlot.gcp.region}-docker.pkg.dev/${backlot.gcp.project}/backlot", rootProperty("backlot.image.repository"));
  }

  @Test
  void everyFunctionModuleInheritsItsImageFromTheFunctionsParent() throws Exception {
    Element functions = pom(ROOT.resolve("functions/pom.xml"));
    Element jib = jib(at(functions, "build", "plugins"));

    assertNotNull(jib, "functions/pom.xml <build><plugins> has jib-maven-plugin, so every plugin module inherits it");
    assertStartsWithItsAotCache(functions, jib, "function", AOT_CACHE);
    assertEquals("${backlot.image.repository}/${project.file.parentFile.name}", text(jib, "configuration", "to", "image"));
    assertEquals("/app/config", text(jib, "configuration", "container", "environment", "BACKLOT_CONFIG_DIR"));

    for (PluginManifest manifest : PluginManifests.load(ROOT.resolve("functions"))) {
      Path modulePom = ROOT.resolve("functions").resolve(manifest.id()).resolve("pom.xml");
      Element module = pom(modulePom);
      assertEquals("backlot-functions", text(module, "parent", "artifactId"), modulePom + " inherits from functions/pom.xml");
      String source = Files.readString(modulePom);
      assertFalse(source.contains("jib"), modulePom + " configures Jib itself; every plugin's image comes from functions/pom.xml");
    }
  }

  /**
   * Jib builds the image from the module's plain jar (packaged mode: an AOT cache takes no
   * directories on the class path), lays target/jib-extra over its root and starts it with
   * {@code cache} and the argument file, as image/aot-train.sh trains it.
   */
  private static void assertStartsWithItsAotCache(Element pom, Element jib, String finalName, String cache) {
    assertEquals("false", text(jib, "configuration", "skip"));
    assertEquals("packaged", text(jib, "configuration", "containerizingMode"), "a jar on the class path: AOT caches take no directories");
    assertEquals(finalName, text(pom, "build", "finalName"), "Jib's packaged mode takes target/<finalName>.jar");
    List<String> entrypoint = children(at(jib, "configuration", "container", "entrypoint"), null).stream()
        .map(e -> e.getTextContent().strip()).toList();
    assertEquals(List.of("java", "-XX:AOTCache=" + cache, "@" + JVM_ARGS), entrypoint);
    Element extra = at(jib, "configuration", "extraDirectories", "paths", "path");
    assertEquals("${project.build.directory}/jib-extra", text(extra, "from"));
    assertEquals("/", text(extra, "into"));
  }

  @Test
  void theConfigDirectoryVariableIsTheOneConfigLoaderReads(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("app-config.yaml"), "image:\n  layer: base\n");
    Files.writeString(dir.resolve("app-config.production.yaml"), "image:\n  layer: production\n");
    Map<String, String> env = Map.of("BACKLOT_CONFIG_DIR", dir.toString(), "BACKLOT_ENV", "production");

    Config config = ConfigLoader.fromEnvironment().environment(env::get).load();

    assertEquals("production", config.getString("image.layer"));
  }

  /** The lines of an image argument file (image/jvm.args) that are arguments, comments removed. */
  private static List<String> argumentFile(Path file) throws Exception {
    List<String> args = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      String content = line.replaceFirst("#.*", "").strip();
      if (!content.isEmpty()) {
        args.addAll(Arrays.asList(content.split("\\s+")));
      }
    }
    return args;
  }

  @Test
  void theImageArgumentFileIsTheLocalLaunchersFlagsAndClassPathAndRunsTheInvoker() throws Exception {
    List<String> args = argumentFile(ROOT.resolve("functions/image/jvm.args"));

    int cp = args.indexOf("-cp");
    assertEquals(JvmFlags.BASE, args.subList(0, cp), "the image runs with the flags the local portal and benchmark measured");
    assertEquals(List.of("/app/classpath/function.jar", "${backlot.image.libs}", "${backlot.image.invoker}"),
        List.of(args.get(cp + 1).split(":")), "function jar first, invoker last, as FunctionClasspath orders them");
    // FunctionMain begins the plugin's start, then runs the invoker, whose server listens on every
    // interface in a container; locally LoopbackInvoker does the same on loopback.
    assertEquals(List.of(FunctionMain.class.getName()), args.subList(cp + 2, args.size()));
  }

  /**
   * A JVM that ran out of heap may go on serving with threads dead and caches half-written; one that
   * exits is replaced by Cloud Run. Every way a function or the shell
   * is launched carries the flag: the image argument files, and the local launcher's flags for
   * running and for training the AOT cache.
   */
  @Test
  void everyLaunchExitsOnOutOfMemoryError() throws Exception {
    String flag = "-XX:+ExitOnOutOfMemoryError";
    assertTrue(argumentFile(ROOT.resolve("functions/image/jvm.args")).contains(flag), "functions/image/jvm.args");
    assertTrue(argumentFile(ROOT.resolve("frontend-shell/image/jvm.args")).contains(flag), "frontend-shell/image/jvm.args");
    assertTrue(JvmFlags.run(null).contains(flag), "the local launcher");
    assertTrue(JvmFlags.run(Path.of("function.aot")).contains(flag), "the local launcher with an AOT cache");
    assertTrue(JvmFlags.train(Path.of("function.aot")).contains(flag), "AOT training runs with the flags it is used with");
  }

  @Test
  void eachBuiltFunctionsImageClassPathIsItsLocalClassPath() throws Exception {
    Path functions = ROOT.resolve("functions");
    List<PluginManifest> manifests = PluginManifests.load(functions);
    assertFalse(manifests.isEmpty());
    for (PluginManifest manifest : manifests) {
      Path extra = functions.resolve(manifest.id()).resolve("target/jib-extra/app");
      assumeTrue(Files.isRegularFile(extra.resolve("jvm.args")),
          "functions/" + manifest.id() + " is not packaged (build functions/ first): its image files were not checked");

      List<String> args = argumentFile(extra.resolve("jvm.args"));
      List<String> image = List.of(args.get(args.indexOf("-cp") + 1).split(":"));
      List<String> local = FunctionClasspath.of(functions, manifest).stream()
          .map(p -> p.getFileName().toString().equals("function.jar") ? "/app/classpath/function.jar" : "/app/libs/" + p.getFileName())
          .toList();
      assertEquals(local, image, manifest.id() + ": the image's class path, in order");

      try (Stream<Path> config = Files.list(extra.resolve("config"))) {
        List<String> names = config.map(p -> p.getFileName().toString()).sorted().toList();
        assertTrue(names.contains("app-config.yaml") && names.contains("app-config.production.yaml"), names::toString);
        assertFalse(names.contains("app-config.local.yaml"), "a developer's overrides never reach an image");
      }
    }
  }

  @Test
  void cloudBuildTrainsTheCacheInTheImagesBaseAndJibBuildsOnThatDigest() throws Exception {
    JsonNode build = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("cloudbuild.yaml").toFile());
    List<String> ids = new ArrayList<>();
    build.path("steps").forEach(s -> ids.add(s.path("id").asText()));
    JsonNode train = build.path("steps").get(ids.indexOf("aot-train"));
    JsonNode base = build.path("steps").get(ids.indexOf("base-image"));
    JsonNode image = build.path("steps").get(ids.indexOf("image"));
    String from = rootProperty("backlot.image.base");

    assertEquals("${_BASE_IMAGE}", train.path("name").asText(), "aot-train runs in the base image the triggers name");
    assertTrue(train.toString().contains("image/aot-train.sh ${_MODULE}"), train::toString);
    assertTrue(base.toString().contains("docker inspect --format='{{index .RepoDigests 0}}' ${_BASE_IMAGE}"), base::toString);
    // The triggers name Jib's from.image, pulled through the project's Docker Hub cache.
    String project = Files.readString(ROOT.resolve("terraform/modules/platform/project.tf"));
    assertTrue(project.contains("/library/" + from + "\""), "base_image in project.tf is " + from + " through the cache");
    assertTrue(Files.readString(ROOT.resolve("terraform/modules/platform/build.tf")).contains("_BASE_IMAGE     = local.base_image"));
    assertTrue(image.toString().contains("-Djib.from.image=$$BASE_IMAGE") && image.toString().contains("jib:build"), image::toString);
    assertTrue(ids.indexOf("test") < ids.indexOf("aot-train") && ids.indexOf("aot-train") < ids.indexOf("base-image")
        && ids.indexOf("base-image") < ids.indexOf("image"), ids::toString);
  }

  @Test
  void theTrainingScriptWritesTheCacheTheEntrypointReadsWithTheSameArguments() throws Exception {
    String script = Files.readString(ROOT.resolve("image/aot-train.sh"));

    assertTrue(script.contains("app=\"${BACKLOT_IMAGE_ROOT:-/app}\""), "lays out /app unless a test says otherwise");
    assertTrue(script.contains("cache_name=function.aot") && script.contains("cache_name=shell.aot")
        && script.contains("cache=\"$app/aot/$cache_name\""), "trains " + AOT_CACHE + " or " + SHELL_AOT_CACHE);
    assertTrue(script.contains("java \"-XX:AOTCacheOutput=$cache\" \"@$app/jvm.args\""), "same argument file as the entrypoint");
    assertTrue(script.contains("cp \"$cache\" \"$target/jib-extra/app/aot/$cache_name\""), "where Jib's extraDirectories take it from");
    assertTrue(script.contains("touch -h -d @1"), "files dated as Jib dates them (EPOCH_PLUS_SECOND)");
    assertTrue(Files.isExecutable(ROOT.resolve("image/aot-train.sh")));
  }

  @Test
  void theShellIsAnImageOnTheSameBaseStartedLikeTheFunctions() throws Exception {
    Element shell = pom(ROOT.resolve("frontend-shell/pom.xml"));
    Element jib = jib(at(shell, "build", "plugins"));

    assertNotNull(jib, "frontend-shell/pom.xml builds the shell's image with Jib");
    assertStartsWithItsAotCache(shell, jib, "frontend-shell", SHELL_AOT_CACHE);
    assertEquals("${backlot.image.repository}/shell", text(jib, "configuration", "to", "image"));
    assertEquals(null, text(jib, "configuration", "from", "image"), "the shell uses the functions' base image (pluginManagement)");
    Element boot = children(at(shell, "build", "plugins"), "plugin").stream()
        .filter(p -> "spring-boot-maven-plugin".equals(text(p, "artifactId"))).findFirst().orElseThrow();
    assertEquals("exec", text(boot, "executions", "execution", "configuration", "classifier"),
        "the fat jar gets a classifier, so target/frontend-shell.jar stays the plain jar Jib and the AOT cache take");

    List<String> args = argumentFile(ROOT.resolve("frontend-shell/image/jvm.args"));
    int cp = args.indexOf("-cp");
    assertEquals(JvmFlags.BASE, args.subList(0, JvmFlags.BASE.size()), "the image runs with the flags the benchmark measured");
    assertEquals("/app/classpath/frontend-shell.jar:${backlot.image.libs}", args.get(cp + 1));
    assertEquals(List.of(ShellLaunch.MAIN_CLASS), args.subList(cp + 2, args.size()));
    assertTrue(Files.isRegularFile(ROOT.resolve("frontend-shell/src/main/java/" + ShellLaunch.MAIN_CLASS.replace('.', '/') + ".java")));
  }
}
