package dev.backlot.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class UnsetVariablesTest {
  @Test
  void anAppConfigValueNamingAnUnsetVariableIsNoValueAsInBackstage() {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("other", Map.of("elsewhere", "${BACKLOT_UNSET_IN_THIS_TEST}",
        "gateway.host", "gateway.example")));
    environment.getPropertySources().addLast(new MapPropertySource("Config resource 'file [/app/config/app-config.yaml]'", Map.of(
        "backend.auth.service-tokens.local.private-key", "${BACKLOT_UNSET_IN_THIS_TEST}",
        "backend.partly", "http://${gateway.host}:${BACKLOT_UNSET_IN_THIS_TEST}",
        "backend.base-url", "https://${gateway.host}",
        "backend.escaped", "$${BACKLOT_UNSET_IN_THIS_TEST}",
        "backlot.auth.admin-groups", "group:default/platform-team")));

    new UnsetVariables().postProcessEnvironment(environment, new SpringApplication());

    assertEquals("", environment.getProperty("backend.auth.service-tokens.local.private-key", ""), "Spring would have refused to start");
    assertFalse(environment.containsProperty("backend.partly"), "one unset variable leaves the whole value out");
    assertEquals("https://gateway.example", environment.getProperty("backend.base-url"));
    assertEquals("$${BACKLOT_UNSET_IN_THIS_TEST}", environment.getPropertySources()
        .get("Config resource 'file [/app/config/app-config.yaml]'").getProperty("backend.escaped"), "an escape is no variable");
    assertEquals("group:default/platform-team", environment.getProperty("backlot.auth.admin-groups"));
    assertEquals("${BACKLOT_UNSET_IN_THIS_TEST}", environment.getPropertySources().get("other").getProperty("elsewhere"),
        "only the app-config layers follow Backstage's rule");
  }
}
