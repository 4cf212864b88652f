package dev.backlot.testing;

import java.util.Map;
import java.util.TreeMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Says at the end of a test run how many cases were skipped for want of PostgreSQL or Redis, and
 * why: one line among a build's thousands, where a skipped case otherwise passes unnoticed and a
 * new developer's run looks green while the PostgreSQL half of every database test never ran.
 * Registered for every module with test-support on its class path (META-INF/services).
 */
public final class SkippedCasesSummary implements TestExecutionListener {
  /** How the reasons of {@link PostgresServers} and {@link TestRedis} start: "&lt;server&gt; tests skipped: why". */
  private static final String MARKER = " tests skipped: ";

  private final Map<String, Integer> byReason = new TreeMap<>();

  @Override
  public synchronized void executionFinished(TestIdentifier test, TestExecutionResult result) {
    if (test.isTest() && result.getStatus() == TestExecutionResult.Status.ABORTED) {
      result.getThrowable().map(Throwable::getMessage).filter(message -> message != null && message.contains(MARKER))
          .ifPresent(reason -> byReason.merge(reason, 1, Integer::sum));
    }
  }

  @Override
  public synchronized void testPlanExecutionFinished(TestPlan plan) {
    byReason.forEach((reason, count) -> System.out.println(line(reason, count)));
    byReason.clear();
  }

  /** {@code backlot: 27 PostgreSQL cases skipped: nothing listens on 127.0.0.1:5432, ...}. */
  static String line(String reason, int count) {
    int marker = reason.indexOf(MARKER);
    return "backlot: " + count + " " + reason.substring(0, marker) + (count == 1 ? " case" : " cases") + " skipped: "
        + reason.substring(marker + MARKER.length());
  }
}
