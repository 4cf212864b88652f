package dev.backlot.testing;

import java.lang.reflect.Method;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.TestAbortedException;

/** Skips, or on CI fails, the cases of a dialect that is not available here. */
final class UnavailableDatabases implements InvocationInterceptor {
  private final Function<String, String> environment;

  UnavailableDatabases() {
    this(System::getenv);
  }

  UnavailableDatabases(Function<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public void interceptTestTemplateMethod(
      Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext)
      throws Throwable {
    for (Object argument : invocationContext.getArguments()) {
      if (argument instanceof TestDatabase database && database.unavailableReason() != null) {
        invocation.skip();
        if ("true".equals(environment.apply("CI"))) {
          throw new AssertionError("CI must run the " + database.dialect() + " cases: " + database.unavailableReason());
        }
        throw new TestAbortedException(database.unavailableReason());
      }
    }
    invocation.proceed();
  }

}
