package dev.backlot.techdocs.generator;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.node.Block;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.parser.block.AbstractBlockParser;
import org.commonmark.parser.block.AbstractBlockParserFactory;
import org.commonmark.parser.block.BlockContinue;
import org.commonmark.parser.block.BlockStart;
import org.commonmark.parser.block.MatchedBlockParser;
import org.commonmark.parser.block.ParserState;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * Admonitions for commonmark-java, in mkdocs-material's markup: {@code <div class="admonition
 * note"><p class="admonition-title">Note</p>…</div>}, or {@code <details class="note">} with a
 * {@code <summary>} for the collapsible form, so the reader styles generated and mkdocs-built
 * sites alike.
 */
final class AdmonitionExtension implements Parser.ParserExtension, HtmlRenderer.HtmlRendererExtension {
  // !!! type, ??? type or ???+ type; an optional "title" ("" hides the title, as in Python-Markdown).
  private static final Pattern START = Pattern.compile("^(!!!|\\?\\?\\?\\+?)[ \\t]+([A-Za-z0-9_-]+)(?:[ \\t]+\"(.*)\")?[ \\t]*$");
  private static final int INDENT = 4;

  private AdmonitionExtension() {}

  static Extension create() {
    return new AdmonitionExtension();
  }

  @Override
  public void extend(Parser.Builder builder) {
    builder.customBlockParserFactory(new AbstractBlockParserFactory() {
      @Override
      public BlockStart tryStart(ParserState state, MatchedBlockParser matched) {
        if (state.getIndent() >= INDENT) {
          return BlockStart.none();
        }
        CharSequence line = state.getLine().getContent();
        Matcher m = START.matcher(line.subSequence(state.getNextNonSpaceIndex(), line.length()));
        if (!m.matches()) {
          return BlockStart.none();
        }
        Admonition.Collapsible collapsible = m.group(1).equals("!!!") ? Admonition.Collapsible.NO
            : m.group(1).endsWith("+") ? Admonition.Collapsible.OPEN : Admonition.Collapsible.CLOSED;
        String type = m.group(2).toLowerCase(Locale.ROOT);
        String title = m.group(3) != null ? m.group(3) : Character.toUpperCase(type.charAt(0)) + type.substring(1);
        return BlockStart.of(new AdmonitionParser(new Admonition(type, title, collapsible))).atIndex(line.length());
      }
    });
  }

  @Override
  public void extend(HtmlRenderer.Builder builder) {
    builder.nodeRendererFactory(AdmonitionRenderer::new);
  }

  private static final class AdmonitionParser extends AbstractBlockParser {
    private final Admonition block;

    AdmonitionParser(Admonition block) {
      this.block = block;
    }

    @Override
    public Block getBlock() {
      return block;
    }

    @Override
    public boolean isContainer() {
      return true;
    }

    @Override
    public boolean canContain(Block childBlock) {
      return true;
    }

    @Override
    public BlockContinue tryContinue(ParserState state) {
      if (state.isBlank()) {
        return BlockContinue.atIndex(state.getNextNonSpaceIndex());
      }
      if (state.getIndent() >= INDENT) {
        return BlockContinue.atColumn(state.getColumn() + INDENT);
      }
      return BlockContinue.none();
    }
  }

  private static final class AdmonitionRenderer implements NodeRenderer {
    private final HtmlNodeRendererContext context;
    private final HtmlWriter html;

    AdmonitionRenderer(HtmlNodeRendererContext context) {
      this.context = context;
      this.html = context.getWriter();
    }

    @Override
    public Set<Class<? extends Node>> getNodeTypes() {
      return Set.of(Admonition.class);
    }

    @Override
    public void render(Node node) {
      Admonition admonition = (Admonition) node;
      boolean details = admonition.collapsible != Admonition.Collapsible.NO;
      html.line();
      if (details) {
        Map<String, String> attributes = admonition.collapsible == Admonition.Collapsible.OPEN
            ? Map.of("class", admonition.type, "open", "open") : Map.of("class", admonition.type);
        html.tag("details", context.extendAttributes(node, "details", attributes));
        html.tag("summary");
        html.text(admonition.title);
        html.tag("/summary");
      } else {
        html.tag("div", context.extendAttributes(node, "div", Map.of("class", "admonition " + admonition.type)));
        if (!admonition.title.isEmpty()) {
          html.tag("p", Map.of("class", "admonition-title"));
          html.text(admonition.title);
          html.tag("/p");
        }
      }
      for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
        context.render(child);
      }
      html.line();
      html.tag(details ? "/details" : "/div");
      html.line();
    }
  }
}
