package dev.backlot.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Runs a test method once on SQLite and once on PostgreSQL; the method takes a {@link
 * TestDatabase}. The databases are created once per test class and dropped after it.
 * PostgreSQL comes from {@code BACKLOT_TEST_POSTGRES_URL}, else a server on 127.0.0.1:5432 that
 * lets user {@code postgres} in, else Testcontainers when a Docker engine runs; otherwise its cases
 * are skipped with the reason, counted at the end of the run (and fail when {@code CI=true}).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@ArgumentsSource(TestDatabases.class)
@ExtendWith(UnavailableDatabases.class)
public @interface DatabaseTest {}
