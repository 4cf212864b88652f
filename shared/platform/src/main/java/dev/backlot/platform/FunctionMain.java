package dev.backlot.platform;

import com.google.cloud.functions.invoker.runner.Invoker;
import java.util.Arrays;

/**
 * The entry point of every function image: starts the plugin named by {@code --target} (or
 * {@code FUNCTION_TARGET}, as Cloud Run sets it), then runs the Functions Framework invoker
 * unchanged. The invoker creates the function only after building its HTTP server, about a
 * third of a cold start; begun here, the plugin's config, database and migrations overlap it.
 */
public final class FunctionMain {
  private FunctionMain() {}

  public static void main(String[] args) throws Exception {
    startEarly(earlyTarget(args, System.getenv("FUNCTION_TARGET")));
    Invoker.main(args);
  }

  /**
   * The function to begin early, or null: with {@code --classpath} the invoker loads the function
   * in a class loader of its own, where a plugin begun here would never be claimed.
   */
  static String earlyTarget(String[] args, String fromEnvironment) {
    return Arrays.stream(args).anyMatch(arg -> arg.startsWith("--classpath")) ? null : target(args, fromEnvironment);
  }

  /**
   * Starts the plugin of {@code target} if it is a {@link BacklotFunction}; its constructor picks
   * the start up. Anything else (or null) is left to the invoker, which reports it.
   */
  public static void startEarly(String target) {
    if (target == null) {
      return;
    }
    try {
      Class<?> function = Class.forName(target, false, FunctionMain.class.getClassLoader());
      if (BacklotFunction.class.isAssignableFrom(function)) {
        PluginStarts.begin(function);
      }
    } catch (ClassNotFoundException e) {
      // The invoker names the missing class in its own error.
    }
  }

  /** The invoker's own rule: {@code --target X} or {@code --target=X} wins over the environment. */
  static String target(String[] args, String fromEnvironment) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--target") && i + 1 < args.length) {
        return args[i + 1];
      }
      if (args[i].startsWith("--target=")) {
        return args[i].substring("--target=".length());
      }
    }
    return fromEnvironment;
  }
}
