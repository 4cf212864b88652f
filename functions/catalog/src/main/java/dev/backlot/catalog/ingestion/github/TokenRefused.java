package dev.backlot.catalog.ingestion.github;

import java.io.IOException;

/** GitHub answered 401 to the credentials a read was sent with: a revoked or suspended installation's token. */
final class TokenRefused extends IOException {
  TokenRefused(String message) {
    super(message);
  }
}
