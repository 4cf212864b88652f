package dev.backlot.apidocs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;

/** The sample definitions under src/test/resources/specs, and generated large ones. */
public final class Specs {
  private Specs() {}

  public static byte[] bytes(String name) {
    try (InputStream in = Specs.class.getResourceAsStream("/specs/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no spec " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  /**
   * A valid OpenAPI 3.0 YAML definition of at least {@code minBytes}: a few hundred resources, each
   * with CRUD operations and a schema of many documented properties, as large real APIs look.
   * {@code seed} varies the descriptions, so different seeds give different versions.
   */
  public static byte[] large(int minBytes, int seed) {
    return large(minBytes, seed, "3.0.3");
  }

  /**
   * The same in OpenAPI {@code openapi} (3.0.x or 3.1.x); in 3.1 every third field is nullable
   * the 3.1 way, with a {@code type} array.
   */
  public static byte[] large(int minBytes, int seed, String openapi) {
    boolean typeArrays = openapi.startsWith("3.1");
    StringBuilder paths = new StringBuilder();
    StringBuilder schemas = new StringBuilder();
    for (int i = 0; paths.length() + schemas.length() < minBytes; i++) {
      String name = "Resource" + i;
      paths.append("  /resources-").append(i).append(":\n")
          .append("    get:\n      operationId: list").append(name).append("\n")
          .append("      parameters:\n        - name: limit\n          in: query\n          schema:\n            type: integer\n")
          .append("      responses:\n        '200':\n          description: Page of ").append(name).append(" (").append(seed).append(")\n")
          .append("          content:\n            application/json:\n              schema:\n                type: array\n")
          .append("                items:\n                  $ref: '#/components/schemas/").append(name).append("'\n")
          .append("    post:\n      operationId: create").append(name).append("\n")
          .append("      requestBody:\n        content:\n          application/json:\n            schema:\n")
          .append("              $ref: '#/components/schemas/").append(name).append("'\n")
          .append("      responses:\n        '201':\n          description: Created\n")
          .append("  /resources-").append(i).append("/{id}:\n")
          .append("    delete:\n      operationId: delete").append(name).append("\n")
          .append("      parameters:\n        - name: id\n          in: path\n          required: true\n          schema:\n            type: string\n")
          .append("      responses:\n        '204':\n          description: Deleted\n");
      schemas.append("    ").append(name).append(":\n      type: object\n      required: [id]\n      properties:\n");
      for (int p = 0; p < 40; p++) {
        schemas.append("        field").append(p).append(":\n          type: ")
            .append(p % 3 == 0 ? "integer" : typeArrays && p % 3 == 1 ? "[string, 'null']" : "string").append("\n")
            .append("          description: Field ").append(p).append(" of ").append(name)
            .append(", documented at length so the definition weighs what real ones do (").append(seed).append(").\n");
      }
      schemas.append("        id:\n          type: string\n");
    }
    String spec = "openapi: " + openapi + "\ninfo:\n  title: Large API\n  version: 1.0." + seed + "\npaths:\n" + paths
        + "components:\n  schemas:\n" + schemas;
    return spec.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Alias amplification ("billion laughs" kept small): 308 bytes with 66 aliases, each level a list
   * of eleven aliases to the level before. It stays under the byte, alias and nesting limits, yet
   * once the aliases are followed it is 4.09 million values, more than api-docs' heap holds as a
   * tree.
   */
  public static byte[] aliasAmplification() {
    StringBuilder yaml = new StringBuilder("openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\nx:\n- &a [a]\n");
    for (char level = 'b'; level <= 'g'; level++) {
      yaml.append("- &").append(level).append(" [").append(String.join(",", Collections.nCopies(11, "*" + (char) (level - 1))))
          .append("]\n");
    }
    return yaml.toString().getBytes(StandardCharsets.UTF_8);
  }
}
