package dev.backlot.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class SettingsTest {
  @Test
  void aValueNamingAnUnsetVariableIsNoValueAsInBackstage() {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("app-config", Map.of(
        "backend.auth.service-tokens.local.private-key", "${BACKLOT_UNSET_IN_THIS_TEST}",
        "backend.base-url", "https://gateway.example")));
    assertEquals("", Settings.optional(environment, "backend.auth.service-tokens.local.private-key", ""));
    assertEquals("https://gateway.example", Settings.optional(environment, "backend.base-url", "http://localhost:7007"));
    assertEquals("http://localhost:7007", Settings.optional(environment, "backend.missing", "http://localhost:7007"));
  }
}
