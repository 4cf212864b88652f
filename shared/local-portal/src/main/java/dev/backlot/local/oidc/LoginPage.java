package dev.backlot.local.oidc;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The local provider's sign-in page: one button per sample user, posting what Okta would put in
 * its ID token (the email as subject, {@code email}, {@code name}, {@code groups}), and a form for
 * any other email, which shows how the shell answers someone the catalog does not know. The
 * provider serves it in place of its own page and reads the same {@code username}/{@code claims}
 * fields from it.
 */
final class LoginPage {
  private LoginPage() {}

  static String html(SampleUsers users) {
    String buttons = users.users().stream().map(LoginPage::button).collect(Collectors.joining("\n"));
    return """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Sign in · Backlot local provider</title>
        <style>body{font-family:sans-serif;max-width:40rem;margin:2rem auto}form{margin:.5rem 0}
        button{width:100%%;padding:.6rem;text-align:left;cursor:pointer}small{color:#666}</style></head>
        <body>
          <h1>Sign in to Backlot</h1>
          <p>This is the local stand-in for Okta. Pick a sample user from <code>examples/org/users.yaml</code>:</p>
        %s
          <h2>Someone else</h2>
          <form method="post">
            <label>Claims <textarea name="claims" rows="4" cols="60">{"email": "someone.else@acme.example", "groups": []}</textarea></label>
            <label>Subject <input name="username" required value="someone.else@acme.example"></label>
            <button type="submit">Sign in with these claims</button>
          </form>
        </body>
        </html>
        """.formatted(buttons);
  }

  private static String button(SampleUsers.User user) {
    String claims = "{\"email\":\"" + json(user.email()) + "\",\"name\":\"" + json(user.displayName()) + "\",\"groups\":["
        + user.groups().stream().map(g -> "\"" + json(g) + "\"").collect(Collectors.joining(",")) + "]}";
    return """
          <form method="post">
            <input type="hidden" name="username" value="%s">
            <input type="hidden" name="claims" value="%s">
            <button type="submit">%s <small>%s · %s</small></button>
          </form>""".formatted(html(user.email()), html(claims), html(user.displayName()), html(user.email()),
        html(String.join(", ", user.groups().isEmpty() ? List.of("no groups") : user.groups())));
  }

  private static String json(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static String html(String value) {
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
