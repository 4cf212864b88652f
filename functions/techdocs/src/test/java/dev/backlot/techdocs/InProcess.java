package dev.backlot.techdocs;

import com.google.cloud.functions.HttpFunction;
import dev.backlot.testing.InProcessHttp;
import java.util.Map;

/**
 * Requests straight into the function, past any HTTP server: the path reaches the router exactly
 * as written, so the plugin's own defences are tested, not Jetty's normalisation in front of them.
 */
final class InProcess {
  private InProcess() {}

  static InProcessHttp.Answer get(HttpFunction function, String path) throws Exception {
    return InProcessHttp.send(function, "GET", path, Map.of(), Map.of("Authorization", RunningTechDocs.USER), new byte[0]);
  }
}
