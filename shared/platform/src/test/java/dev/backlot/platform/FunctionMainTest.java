package dev.backlot.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The image's entry point finds the function as the invoker does and starts only plugins early. */
class FunctionMainTest {
  @Test
  void theTargetArgumentWinsOverTheEnvironmentInBothOfTheInvokersSpellings() {
    assertEquals("a.Fn", FunctionMain.target(new String[] {"--port", "8080", "--target", "a.Fn"}, "b.Env"));
    assertEquals("a.Fn", FunctionMain.target(new String[] {"--target=a.Fn"}, "b.Env"));
    assertEquals("b.Env", FunctionMain.target(new String[] {"--port", "8080"}, "b.Env"));
    assertNull(FunctionMain.target(new String[] {"--target"}, null));
  }

  @Test
  void aFunctionOnAClassPathOfItsOwnIsNotBegunEarly() {
    assertNull(FunctionMain.earlyTarget(new String[] {"--target", "a.Fn", "--classpath", "fn.jar"}, null));
    assertNull(FunctionMain.earlyTarget(new String[] {"--classpath=fn.jar", "--target=a.Fn"}, null));
    assertEquals("a.Fn", FunctionMain.earlyTarget(new String[] {"--port", "8080"}, "a.Fn"));
  }

  @Test
  void classesThatAreNotPluginsOrDoNotExistAreLeftToTheInvoker() {
    FunctionMain.startEarly(null);
    FunctionMain.startEarly("no.such.Function");
    FunctionMain.startEarly(FunctionMainTest.class.getName());
    assertEquals(0, PluginStarts.begun());
  }
}
