package dev.backlot.shell;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/** The shell's own pages: health, keys, who you are, the web UI's entry page, why sign-in failed. */
@RestController
class ShellController {
  private final UserTokens tokens;
  private final SessionTokens sessionTokens;
  private final WebUi webUi;
  private final PortalSettings portal;

  ShellController(UserTokens tokens, SessionTokens sessionTokens, WebUi webUi, PortalSettings portal) {
    this.tokens = tokens;
    this.sessionTokens = sessionTokens;
    this.webUi = webUi;
    this.portal = portal;
  }

  @GetMapping(path = "/healthcheck", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, String> healthcheck() {
    return Map.of("status", "ok");
  }

  /** Where the functions fetch the keys of user tokens (backend.auth.userTokens.jwksUrl). */
  @GetMapping(path = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
  String publishedKeys() {
    return tokens.publishedKeys();
  }

  /**
   * Who is signed in, for the web UI's header: the identity the shell put in the session's latest
   * user token, and whether the catalog will let them change it (so the UI offers refresh and
   * unregister).
   */
  @GetMapping(path = "/api/whoami", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> whoami(@AuthenticationPrincipal SignedInUser user, HttpServletRequest request) {
    ShellIdentity identity = sessionTokens.identityOf(request.getSession(false), user);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("userRef", identity.userRef());
    body.put("ownershipRefs", identity.ownershipRefs());
    body.put("email", user.getEmail());
    body.put("displayName", user.getFullName());
    body.put("catalogAdmin", portal.administers(identity));
    return body;
  }

  /**
   * The web UI's page, or, in a shell built without it ({@code -Dbacklot.ui.skip}), a minimal
   * page with who you are and the sign-out button.
   */
  @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<?> home(@AuthenticationPrincipal SignedInUser user, HttpServletRequest request) {
    if (webUi.isBuilt()) {
      return webUi.indexPage();
    }
    ShellIdentity identity = sessionTokens.identityOf(request.getSession(false), user);
    String ownership = identity.ownershipRefs().stream().map(ref -> "<li><code>" + HtmlUtils.htmlEscape(ref) + "</code></li>")
        .collect(Collectors.joining());
    CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
    return ResponseEntity.ok(page("Backlot", """
        <h1>Backlot</h1>
        <p>Signed in as <strong id="user-ref">%s</strong> (%s).</p>
        <h2>Owns through</h2>
        <ul id="ownership">%s</ul>
        <p>This shell was built without its web UI; the plugin APIs answer under <a href="/api/catalog/entities?limit=20">/api/</a>.</p>
        <form method="post" action="/logout">
          <input type="hidden" name="%s" value="%s">
          <button type="submit">Sign out</button>
        </form>
        """.formatted(HtmlUtils.htmlEscape(identity.userRef()), HtmlUtils.htmlEscape(String.valueOf(user.getEmail())),
        ownership, csrf.getParameterName(), csrf.getToken())));
  }

  @GetMapping(path = SecurityConfiguration.SIGN_IN_PROBLEM, produces = MediaType.TEXT_HTML_VALUE)
  String signInProblem(HttpSession session) {
    Object failure = session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
    String explanation;
    if (failure instanceof OAuth2AuthenticationException oauth
        && IdentityResolution.NOT_IN_CATALOG.equals(oauth.getError().getErrorCode())) {
      String email = HtmlUtils.htmlEscape(oauth.getError().getDescription());
      explanation = """
          <p id="reason">You signed in as <strong>%s</strong>, but the software catalog has no User entity for that
             email, so Backlot cannot tell which teams you belong to or what you own.</p>
          <p>Ask your platform team to add you to the catalog (a <code>kind: User</code> entity whose
             <code>spec.profile.email</code> is %s), then sign in again.</p>
          """.formatted(email, email);
    } else if (failure instanceof AuthenticationException error) {
      explanation = "<p id=\"reason\">" + HtmlUtils.htmlEscape(String.valueOf(error.getMessage())) + "</p>";
    } else {
      explanation = "<p id=\"reason\">Sign-in did not complete.</p>";
    }
    return page("Cannot sign in · Backlot", "<h1>You cannot sign in to Backlot yet</h1>" + explanation
        + "<p><a href=\"/\">Try again</a></p>");
  }

  @GetMapping(path = SecurityConfiguration.SIGNED_OUT, produces = MediaType.TEXT_HTML_VALUE)
  String signedOut() {
    return page("Signed out · Backlot", "<h1>You signed out</h1><p><a href=\"/\">Sign in again</a></p>");
  }

  private static String page(String title, String body) {
    return """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>%s</title></head>
        <body><main>
        %s
        </main></body>
        </html>
        """.formatted(HtmlUtils.htmlEscape(title), body);
  }
}
