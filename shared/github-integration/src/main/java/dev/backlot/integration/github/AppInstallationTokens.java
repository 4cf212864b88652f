package dev.backlot.integration.github;

import dev.backlot.platform.http.LinkHeader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.platform.http.Json;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Installation access tokens of one GitHub App on one host. The installation for an owner
 * (organisation or user, case-insensitively) is found in {@code GET /app/installations}, paged;
 * its token ({@code POST /app/installations/{id}/access_tokens}) is kept per owner until shortly
 * before its {@code expires_at}, so a burst of reads mints one token, not one each. The listing is
 * kept too, and read again only for an owner it lacks once it is {@link #LISTING_AGE} old: an
 * owner the app is not installed for (whose reads fall back to the host's token) costs no
 * listing per read, and an installation added later is seen within minutes. An installation that
 * is gone when its token is minted (the app was reinstalled, with a new id) is looked up again
 * at once. Tokens are minted one at a time, so concurrent reads of a new owner mint one.
 */
final class AppInstallationTokens {
  /** Tokens are renewed this long before GitHub expires them, so none expires in flight. */
  static final Duration EXPIRY_MARGIN = Duration.ofMinutes(5);
  private static final int MAX_PAGES = 50;
  static final Duration LISTING_AGE = Duration.ofMinutes(10);

  private record Token(String value, Instant renewAt) {}

  private final String apiBaseUrl;
  private final GitHubApp app;
  private final AppJwt jwt;
  private final Clock clock;
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();
  private Map<String, Long> installations = Map.of();
  private Instant listedAt;

  AppInstallationTokens(String apiBaseUrl, GitHubApp app, Clock clock) {
    this.apiBaseUrl = apiBaseUrl;
    this.app = app;
    this.jwt = new AppJwt(app);
    this.clock = clock;
  }

  /** The app's own calls, authorized by a JWT signed now (it lasts minutes: one per call). */
  private GitHubRest asApp() {
    return new GitHubRest(apiBaseUrl, Optional.of("Bearer " + jwt.sign(clock.instant())), "backlot");
  }

  /** A token for {@code owner}; empty when the app may not act for it or is not installed there. */
  Optional<String> tokenFor(String owner) throws IOException {
    if (!app.allows(owner)) {
      return Optional.empty();
    }
    String key = owner.toLowerCase(Locale.ROOT);
    Optional<String> fresh = fresh(key);
    return fresh.isPresent() ? fresh : minted(key, owner);
  }

  /** Drops {@code owner}'s token if it is the one in {@code authorization}, which GitHub refused: the next call mints another. */
  void forget(String owner, String authorization) {
    tokens.computeIfPresent(owner.toLowerCase(Locale.ROOT), (key, token) -> ("Bearer " + token.value()).equals(authorization) ? null : token);
  }

  private Optional<String> fresh(String key) {
    Token cached = tokens.get(key);
    return cached != null && clock.instant().isBefore(cached.renewAt()) ? Optional.of(cached.value()) : Optional.empty();
  }

  private synchronized Optional<String> minted(String key, String owner) throws IOException {
    Optional<String> mintedMeanwhile = fresh(key);
    if (mintedMeanwhile.isPresent()) {
      return mintedMeanwhile;
    }
    Optional<Long> installation = installationOf(key, false);
    Optional<Token> minted = installation.isEmpty() ? Optional.empty() : mint(installation.get(), owner);
    if (installation.isPresent() && minted.isEmpty()) {
      installation = installationOf(key, true);
      minted = installation.isEmpty() ? Optional.empty() : mint(installation.get(), owner);
    }
    minted.ifPresent(token -> tokens.put(key, token));
    return minted.map(Token::value);
  }

  private Optional<Long> installationOf(String owner, boolean listAgain) throws IOException {
    Instant now = clock.instant();
    if (listAgain || listedAt == null || !installations.containsKey(owner) && !now.isBefore(listedAt.plus(LISTING_AGE))) {
      installations = listInstallations();
      listedAt = now;
    }
    return Optional.ofNullable(installations.get(owner));
  }

  /** Installation ids by owner, lower case. */
  private Map<String, Long> listInstallations() throws IOException {
    Map<String, Long> found = new HashMap<>();
    String next = apiBaseUrl + "/app/installations?per_page=100";
    for (int page = 0; next != null && page < MAX_PAGES; page++) {
      if (!next.startsWith(apiBaseUrl + "/")) {
        throw new IOException("GitHub's next page " + next + " is not below " + apiBaseUrl);
      }
      HttpResponse<byte[]> response = asApp().send("GET", next.substring(apiBaseUrl.length()), null);
      if (response.statusCode() != 200) {
        throw new IOException("GitHub answered " + response.statusCode() + " to the installations of GitHub App " + app.appId()
            + " (is appId right and privateKey that app's key?)");
      }
      for (JsonNode installation : Json.MAPPER.readTree(response.body())) {
        found.put(installation.path("account").path("login").asText("").toLowerCase(Locale.ROOT), installation.path("id").asLong());
      }
      next = response.headers().firstValue("Link").flatMap(LinkHeader::next).orElse(null);
    }
    return Map.copyOf(found);
  }

  /** A token of {@code installation}; empty when GitHub no longer knows that installation. */
  private Optional<Token> mint(long installation, String owner) throws IOException {
    HttpResponse<byte[]> response = asApp().send("POST", "/app/installations/" + installation + "/access_tokens", null);
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    if (response.statusCode() != 201 && response.statusCode() != 200) {
      throw new IOException("GitHub answered " + response.statusCode() + " to a token for installation " + installation
          + " of GitHub App " + app.appId() + " on " + owner);
    }
    JsonNode body = Json.MAPPER.readTree(response.body());
    String token = body.path("token").asText("");
    if (token.isEmpty()) {
      throw new IOException("GitHub's answer to a token for installation " + installation + " carries no token");
    }
    try {
      return Optional.of(new Token(token, Instant.parse(body.path("expires_at").asText()).minus(EXPIRY_MARGIN)));
    } catch (DateTimeParseException e) {
      throw new IOException("GitHub's installation token for " + owner + " has no readable expires_at", e);
    }
  }
}
