package dev.backlot.platform.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlot.platform.manifest.Hcl.Block;
import dev.backlot.platform.manifest.Hcl.Source;
import dev.backlot.platform.manifest.Hcl.Token;
import dev.backlot.platform.manifest.Hcl.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

class HclTest {
  private static List<String> texts(Source s, Type type) {
    return s.tokens.stream().filter(t -> t.type() == type).map(Token::text).toList();
  }

  @Test
  void commentsAreNotTokens() {
    Source s = Hcl.parse("t.tf", "# catalog\n// scaffolder\n/* techdocs\n search */ a = 1 # tail\n");

    assertEquals(List.of("a"), texts(s, Type.IDENT));
    assertEquals(4, s.get(0).line());
  }

  @Test
  void quotedTemplatesSplitIntoLiteralsAndInterpolations() {
    Source s = Hcl.parse("t.tf", "x = \"backlot-${each.key}-$${not} %%{no} \\\"q\\\" ${join(\",\", [\"a}\"])}\"\n");

    assertEquals(List.of("backlot-", "-${not} %{no} \"q\" ", ",", "a}"), texts(s, Type.LITERAL));
    assertEquals(List.of("x", "each", "key", "join"), texts(s, Type.IDENT));
    Hcl.Attribute x = s.body(-1, s.size()).attribute("x");
    assertEquals(s.size() - 1, x.to());
  }

  @Test
  void heredocsAreTemplates() {
    Source s = Hcl.parse("t.tf", "a = <<-EOT\n  hello ${name}\n  EOT\nb = 2\n");

    assertEquals(List.of("a", "name", "b"), texts(s, Type.IDENT));
    assertEquals(List.of("a", "b"), s.body(-1, s.size()).attributes().stream().map(Hcl.Attribute::name).toList());
  }

  @Test
  void attributesEndAtTheEndOfTheirLineUnlessBracketed() {
    Source s = Hcl.parse("t.tf", """
        resource "google_x" "y" {
          for_each = local.plugins
          list = [
            1,
            2,
          ]
          dynamic "env" {
            for_each = {}
          }
          cond = a ? b : c
        }
        """);

    List<Block> blocks = s.blocks();
    assertEquals(1, blocks.size());
    assertEquals(List.of("google_x", "y"), blocks.get(0).labels());
    Hcl.Body body = blocks.get(0).body();
    assertEquals(List.of("for_each", "list", "cond"), body.attributes().stream().map(Hcl.Attribute::name).toList());
    assertEquals("local.plugins", body.attribute("for_each").text());
    assertEquals("a ? b : c", body.attribute("cond").text());
    assertEquals("dynamic", body.blocks().get(0).type());
    assertEquals(List.of("env"), body.blocks().get(0).labels());
  }

  @Test
  void templateFilesKeepStripMarkers() {
    Source s = Hcl.parseTemplate("t.tftpl", "a\n%{~ for id, p in plugins ~}\n${p.routePrefix}\n%{ endfor }\n");

    assertEquals(Type.LITERAL, s.get(0).type());
    assertEquals(Type.DIRECTIVE, s.get(1).type());
    assertTrue(s.get(1).strip());
    Token end = s.get(s.partner[1]);
    assertEquals(Type.SEQUENCE_END, end.type());
    assertTrue(end.strip());
    assertEquals(List.of("for", "id", "p", "in", "plugins", "p", "routePrefix", "endfor"), texts(s, Type.IDENT));
  }

  @Test
  void unbalancedInputIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> Hcl.parse("t.tf", "a = [1, 2\n"));
    assertThrows(IllegalArgumentException.class, () -> Hcl.parse("t.tf", "a = \"open\n"));
    assertThrows(IllegalArgumentException.class, () -> Hcl.parse("t.tf", "a = <<EOT\nnever closed\n"));
  }
}
