package dev.backlot.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.ParameterDeclarations;

/** Supplies the SQLite and PostgreSQL databases of the current test class. */
final class TestDatabases implements ArgumentsProvider {
  @Override
  public Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context) {
    ExtensionContext classContext = classContext(context);
    ExtensionContext.Store store = classContext.getStore(ExtensionContext.Namespace.create(TestDatabases.class));
    ClassDatabases databases = store.computeIfAbsent(ClassDatabases.class, unused -> ClassDatabases.create(), ClassDatabases.class);
    return Stream.of(Arguments.of(databases.sqlite), Arguments.of(databases.postgres));
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
      current = current.getParent().get();
    }
    return current;
  }

  /** Closed by JUnit when the test class finishes, which deletes both databases. */
  static final class ClassDatabases implements AutoCloseable {
    final TestDatabase sqlite;
    final TestDatabase postgres;
    private final Path sqliteDir;
    private final PostgresServers.Created created;

    private ClassDatabases(TestDatabase sqlite, Path sqliteDir, TestDatabase postgres, PostgresServers.Created created) {
      this.sqlite = sqlite;
      this.sqliteDir = sqliteDir;
      this.postgres = postgres;
      this.created = created;
    }

    static ClassDatabases create() {
      Path dir;
      try {
        dir = Files.createTempDirectory("backlot-test-sqlite");
      } catch (IOException e) {
        throw new IllegalStateException("cannot create a temp directory for SQLite", e);
      }
      TestDatabase sqlite = new TestDatabase(TestDatabase.SQLITE, "jdbc:sqlite:" + dir.resolve("test.sqlite"), null);
      PostgresServers.Created created = PostgresServers.shared().createDatabase();
      return new ClassDatabases(sqlite, dir, created.database(), created);
    }

    @Override
    public void close() throws IOException {
      created.drop();
      try (Stream<Path> files = Files.walk(sqliteDir)) {
        for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
    }
  }
}
