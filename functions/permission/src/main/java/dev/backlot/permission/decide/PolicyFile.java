package dev.backlot.permission.decide;

import dev.backlot.platform.logging.AuditLog;
import dev.backlot.permission.rbac.PolicyCsv;
import dev.backlot.permission.storage.RbacStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * {@code permission.rbac.policies-csv-file}: loaded at start, and read again when its modification
 * time changed, looked at by a request at most every {@link #CHECK_EVERY} (no background loop: a
 * function may sleep between requests). A file whose content the database already holds (another
 * instance loaded it) is not written again. A file that cannot be read keeps the last loaded
 * lines, as a failed read of a source never deletes the last good data.
 */
public final class PolicyFile {
  /** How often a request looks at the file's modification time at most. */
  public static final Duration CHECK_EVERY = Duration.ofSeconds(5);
  /** The largest policy file read. */
  public static final long MAX_BYTES = 4L * 1024 * 1024;

  private static final Logger LOG = Logger.getLogger(PolicyFile.class.getName());

  private final Optional<Path> file;
  private final RbacStore store;
  private final Clock clock;
  private Instant nextCheck = Instant.MIN;
  private FileTime loaded;

  public PolicyFile(Optional<Path> file, RbacStore store, Clock clock) {
    this.file = file;
    this.store = store;
    this.clock = clock;
  }

  /** Loads the file when it changed and the last look is {@link #CHECK_EVERY} ago; answers whether it loaded. */
  public synchronized boolean refresh() throws IOException {
    Instant now = clock.instant();
    if (file.isEmpty() || now.isBefore(nextCheck)) {
      return false;
    }
    nextCheck = now.plus(CHECK_EVERY);
    Path path = file.get();
    FileTime modified;
    byte[] content;
    try {
      modified = Files.getLastModifiedTime(path);
      if (modified.equals(loaded)) {
        return false;
      }
      if (Files.size(path) > MAX_BYTES) {
        LOG.warning("The policy file " + path + " is larger than " + MAX_BYTES + " bytes; the policies loaded last stay");
        return false;
      }
      content = Files.readAllBytes(path);
    } catch (IOException e) {
      LOG.warning("Cannot read the policy file " + path + " (" + e + "); the policies loaded last stay");
      return false;
    }
    String digest = sha256(content);
    if (store.csvDigest().filter(digest::equals).isPresent()) {
      loaded = modified;
      return false;
    }
    PolicyCsv.Parsed parsed = PolicyCsv.parse(new String(content, java.nio.charset.StandardCharsets.UTF_8), path.toString());
    List<String> skipped = store.replaceFileLines(parsed.policies(), parsed.members(), digest, path.toString());
    parsed.warnings().forEach(LOG::warning);
    skipped.forEach(LOG::warning);
    AuditLog.record("permission.policy-file-load", null, null, path.toString(), AuditLog.Outcome.SUCCEEDED, java.util.Map.of(
        "policies", parsed.policies().size(), "members", parsed.members().size(), "skipped", parsed.warnings().size() + skipped.size()));
    loaded = modified;
    return true;
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
