package dev.backlot.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Where the shell finds the UI plugins, as Terraform and ./backlot start name it
 * (BACKLOT_UIPLUGINS_FOLDER) and as app-config.yaml would (backlot.uiPlugins.folder): both reach
 * UiPluginFiles' {@code backlot.ui-plugins.folder}, as Spring Boot resolves it in the running shell.
 */
class UiPluginFolderSettingTest {
  private static String folderFrom(org.springframework.core.env.PropertySource<?> source) {
    StandardEnvironment environment = new StandardEnvironment();
    if (source instanceof SystemEnvironmentPropertySource) {
      environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
    } else {
      environment.getPropertySources().addFirst(source);
    }
    ConfigurationPropertySources.attach(environment);
    return environment.resolvePlaceholders("${backlot.ui-plugins.folder:}");
  }

  @Test
  void theEnvironmentVariableTerraformSetsNamesTheFolder() {
    assertEquals("/ui-plugins", folderFrom(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of("BACKLOT_UIPLUGINS_FOLDER", "/ui-plugins"))));
  }

  @Test
  void theAppConfigKeyInBackstagesCamelCaseNamesItToo() {
    assertEquals("/srv/ui", folderFrom(new MapPropertySource("app-config", Map.of("backlot.uiPlugins.folder", "/srv/ui"))));
  }
}
