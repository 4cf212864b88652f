package dev.backlot.shell;

import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The Backlot token of a browser session, kept in the server-side session and never sent to the
 * browser. It is minted when there is none or it is about to expire, each time for the identity
 * {@link IdentityResolution} gives anew: a session lasts up to 8 idle hours, its tokens 15
 * minutes, and the catalog's changes (someone leaving a team) reach the next token.
 */
@Component
class SessionTokens {
  static final String ATTRIBUTE = SessionTokens.class.getName() + ".minted";
  /** A token this close to expiry is replaced before it is sent. */
  private static final Duration RENEW_BEFORE = Duration.ofMinutes(1);

  /** The session's token and the identity it was minted for. */
  record Minted(UserTokens.MintedToken token, ShellIdentity identity) implements Serializable {}

  private final UserTokens tokens;
  private final IdentityResolution identities;
  private final Clock clock = Clock.systemUTC();

  SessionTokens(UserTokens tokens, IdentityResolution identities) {
    this.tokens = tokens;
    this.identities = identities;
  }

  /** The session's token, minted anew, for the identity resolved again, when there is none or it is about to expire. */
  String tokenFor(HttpSession session, SignedInUser user) throws IdentityResolution.Refusal {
    if (session.getAttribute(ATTRIBUTE) instanceof Minted minted && minted.token().expiresAt().isAfter(clock.instant().plus(RENEW_BEFORE))) {
      return minted.token().value();
    }
    ShellIdentity identity = identities.resolve(user);
    Minted minted = new Minted(tokens.mint(identity), identity);
    session.setAttribute(ATTRIBUTE, minted);
    return minted.token().value();
  }

  /** Who the session is as of its latest token; as of sign-in before it has one. */
  ShellIdentity identityOf(HttpSession session, SignedInUser user) {
    return session != null && session.getAttribute(ATTRIBUTE) instanceof Minted minted ? minted.identity() : user.identity();
  }
}
