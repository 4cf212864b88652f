package dev.backlot.integration.github;

import java.io.IOException;

/** GitHub answered 401 to the credentials a read was sent with: a revoked or suspended installation's token. */
public final class TokenRefused extends IOException {
  public TokenRefused(String message) {
    super(message);
  }
}
