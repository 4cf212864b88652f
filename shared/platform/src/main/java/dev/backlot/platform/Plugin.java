package dev.backlot.platform;

import dev.backlot.platform.auth.ServiceTokens;
import dev.backlot.platform.blob.BlobStore;
import dev.backlot.platform.blob.BlobStores;
import dev.backlot.platform.cache.Cache;
import dev.backlot.platform.cache.Caches;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.config.ConfigLoader;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.db.Databases;
import dev.backlot.platform.db.Migrations;
import dev.backlot.platform.discovery.Discovery;
import dev.backlot.platform.http.Response;
import dev.backlot.platform.manifest.PluginManifest;
import dev.backlot.platform.permission.PermissionClient;
import java.util.Map;
import java.util.Optional;

/**
 * What a running plugin has: its manifest, its config and, when the manifest says so, its own
 * database with migrations applied. Handed to {@link BacklotFunction#routes}.
 */
public final class Plugin implements AutoCloseable {
  /** Where a plugin keeps its migrations on its class path. */
  public static final String MIGRATIONS = "db/migrations";

  private final PluginManifest manifest;
  private final Config config;
  private final Database database;
  private Cache cache;
  private BlobStore blobStore;
  private ServiceTokens serviceTokens;
  private Discovery discovery;
  private Optional<PermissionClient> permissions;

  private Plugin(PluginManifest manifest, Config config, Database database) {
    this.manifest = manifest;
    this.config = config;
    this.database = database;
  }

  /** Loads config from the environment and opens the plugin's database, migrating it. */
  static Plugin start(PluginManifest manifest, ClassLoader code) {
    return start(manifest, ConfigLoader.fromEnvironment().onlySecrets(manifest.secrets()).load(), code);
  }

  public static Plugin start(PluginManifest manifest, Config config, ClassLoader code) {
    Database database = null;
    if (manifest.database()) {
      database = Databases.open(config.getOptionalConfig("backend.database").orElse(Config.empty()), manifest.id());
      Migrations.apply(database, code, MIGRATIONS);
    }
    return new Plugin(manifest, config, database);
  }

  /** For tests: a plugin on a database the test prepared (migrations are applied here). */
  public static Plugin withDatabase(PluginManifest manifest, Config config, Database database, ClassLoader code) {
    Migrations.apply(database, code, MIGRATIONS);
    return new Plugin(manifest, config, database);
  }

  static Plugin unmigrated(PluginManifest manifest, Config config, Database database) {
    return new Plugin(manifest, config, database);
  }

  public PluginManifest manifest() {
    return manifest;
  }

  public Config config() {
    return config;
  }

  /** The plugin's database; only plugins whose manifest says {@code database: true} have one. */
  public Database database() {
    if (database == null) {
      throw new IllegalStateException("plugin " + manifest.id() + " has no database: set database: true in its plugin.yaml");
    }
    return database;
  }

  /** The plugin's cache (Backstage's {@code backend.cache}), opened on first use. */
  public synchronized Cache cache() {
    if (cache == null) {
      cache = Caches.open(config.getOptionalConfig("backend.cache").orElse(Config.empty()), manifest.id());
    }
    return cache;
  }

  /** The blob store, for plugins whose manifest says {@code blobStore: true}; opened on first use. */
  public synchronized BlobStore blobStore() {
    if (!manifest.blobStore()) {
      throw new IllegalStateException("plugin " + manifest.id() + " has no blob store: set blobStore: true in its plugin.yaml");
    }
    if (blobStore == null) {
      blobStore = BlobStores.open(config.getOptionalConfig("blobStore").orElse(Config.empty()), manifest.id());
    }
    return blobStore;
  }

  /** Where other plugins are (Backstage's {@code discovery.endpoints}). */
  public synchronized Discovery discovery() {
    if (discovery == null) {
      discovery = Discovery.fromConfig(config);
    }
    return discovery;
  }

  /**
   * The permission framework's client when {@code permission.enabled}, else empty. One per
   * process: the router's route checks and a plugin's own conditional reads share its cache.
   */
  public synchronized Optional<PermissionClient> permissions() {
    if (permissions == null) {
      permissions = config.getOptionalBoolean("permission.enabled").orElse(false) ? Optional.of(PermissionClient.forPlugin(this)) : Optional.empty();
    }
    return permissions;
  }

  /** Credentials for this plugin's calls to other plugins, found through {@link #discovery()}. */
  public synchronized ServiceTokens serviceTokens() {
    if (serviceTokens == null) {
      serviceTokens = ServiceTokens.fromConfig(config, manifest.id(), discovery());
    }
    return serviceTokens;
  }

  /** {@code {"status":"ok"}}, or 503 when the plugin's database cannot be reached. */
  Response health() {
    if (database != null && !database.isReachable()) {
      return Response.json(503, Map.of("status", "error", "message", "Database is unreachable"));
    }
    return Response.json(200, Map.of("status", "ok"));
  }

  @Override
  public synchronized void close() {
    if (database != null) {
      database.close();
    }
    if (cache instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        // Closing a cache connection on shutdown: nothing left to do about a failure.
      }
    }
  }
}
