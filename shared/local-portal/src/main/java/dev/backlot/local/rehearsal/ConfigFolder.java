package dev.backlot.local.rehearsal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * An instance's {@code BACKLOT_CONFIG_DIR}, laid out as the image's {@code /app/config}: the
 * repository's config layers except {@code app-config.local.yaml}, which the image leaves out. In
 * its place the rehearsal writes its own, the one layer no deployment has: where the stand-ins
 * for what only Google Cloud has are (Cloud SQL, the bucket, Okta) and the rehearsed site's
 * settings (its catalog file and GitHub organisation). Everything else an instance reads is the
 * production layer with Terraform's environment.
 */
final class ConfigFolder {
  private ConfigFolder() {}

  /** The functions' folder: PostgreSQL for Cloud SQL, a folder for the bucket, and the site. */
  static Path forFunctions(Path root, Path dir, String databasePrefix, Path bucket) throws IOException {
    return write(root, dir, """
        # Written by ./backlot rehearse for this run (see ConfigFolder).

        # Cloud SQL: PostgreSQL on loopback, one fresh database per plugin, dropped at the end (the
        # Cloud SQL connector needs Google's Admin API, which has no stand-in).
        backend:
          database:
            prefix: %s
            connection: postgresql://postgres@127.0.0.1:5432/postgres

        # The docs bucket: a folder.
        blobStore:
          gcs: null
          folder:
            path: %s

        # The rehearsed site: its catalog file and its GitHub organisation, read as a GitHub App, on
        # the GitHub stand-in (api.github.com). The App's key is in Secret Manager.
        catalog:
          locations:
            - type: url
              target: %s
              # Its template, which the journey runs as a scaffolder task.
              rules:
                - allow: [Template]
        integrations:
          github:
            - host: github.com
              apps:
                - appId: %s
                  privateKey: {$secret: github-app-private-key}
        github:
          orgs:
            - organization: %s
        """.formatted(databasePrefix, bucket, GitHubStandIn.CATALOG_FILE, GitHubStandIn.APP_ID, GitHubStandIn.ORGANIZATION));
  }

  /**
   * The shell's folder: where the Okta stand-in's endpoints are. It is the local portal's OIDC
   * provider, whose paths are not an Okta org's (/v1/authorize, /v1/token, /v1/keys, ...).
   */
  static Path forShell(Path root, Path dir, String issuer) throws IOException {
    return write(root, dir, """
        # Written by ./backlot rehearse for this run (see ConfigFolder).

        # Okta: the local OIDC provider, at its own paths.
        spring:
          security:
            oauth2:
              client:
                provider:
                  okta:
                    authorization-uri: %1$s/authorize
                    token-uri: %1$s/token
                    jwk-set-uri: %1$s/jwks
                    user-info-uri: %1$s/userinfo
                    user-name-attribute: sub
        backlot:
          shell:
            end-session-uri: %1$s/endsession
        """.formatted(issuer));
  }

  private static Path write(Path root, Path dir, String standIns) throws IOException {
    Files.createDirectories(dir);
    try (Stream<Path> files = Files.list(root)) {
      for (Path layer : files.filter(f -> f.getFileName().toString().matches("app-config(\\..+)?\\.yaml")).toList()) {
        if (!layer.getFileName().toString().equals("app-config.local.yaml")) {
          Files.copy(layer, dir.resolve(layer.getFileName()));
        }
      }
    }
    Files.writeString(dir.resolve("app-config.local.yaml"), standIns);
    return dir;
  }
}
