package dev.backlot.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PortalSettingsTest {
  @Test
  void linksHaveTheWebsAndMailsSchemesAndThoseTheOperatorAdds() {
    assertEquals(List.of("http", "https", "mailto"), new PortalSettings(null, null, null).links().allowedSchemes());
    assertEquals(List.of("http", "https", "mailto", "slack", "ms-teams"),
        new PortalSettings.Links(List.of(" Slack: ", "ms-teams", "https")).allowedSchemes());
  }

  @Test
  void noOperatorCanLetLinksRunScript() {
    for (String scheme : List.of("javascript", "JavaScript:", "data", "vbscript", "java script", "")) {
      IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new PortalSettings.Links(List.of(scheme)));
      assertTrue(refused.getMessage().contains("backlot.links.allowedSchemes"), refused.getMessage());
    }
  }
}
