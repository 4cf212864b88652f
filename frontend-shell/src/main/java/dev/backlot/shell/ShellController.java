package dev.backlot.shell;

import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/** The shell's own pages until sign-in and the UI arrive: health and a landing page. */
@RestController
class ShellController {
  private final String gatewayUrl;

  ShellController(@Value("${backlot.gateway-url:http://localhost:7007}") String gatewayUrl) {
    this.gatewayUrl = gatewayUrl;
  }

  @GetMapping(path = "/healthcheck", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, String> healthcheck() {
    return Map.of("status", "ok");
  }

  @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
  String home() {
    String gateway = HtmlUtils.htmlEscape(gatewayUrl);
    return """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Backlot</title></head>
        <body>
          <main>
            <h1>Backlot</h1>
            <p>The portal's sign-in and web UI are on their way. The plugin APIs already run behind
               the gateway: <a href="%s/healthcheck">%s/healthcheck</a>.</p>
          </main>
        </body>
        </html>
        """.formatted(gateway, gateway);
  }
}
