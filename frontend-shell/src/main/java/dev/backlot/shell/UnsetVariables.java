package dev.backlot.shell;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Gives the app-config layers the shell shares with the functions Backstage's rule for variables,
 * the one the functions' ConfigLoader follows: a value naming a {@code ${VAR}} that is set nowhere
 * is no value (the base layer's {@code privateKey: ${BACKLOT_SERVICE_KEY}} on Cloud Run), where
 * Spring would refuse to start. Runs once the config layers are loaded and leaves every other
 * property source alone; {@code $${VAR}} stays the escape it is in both.
 */
public final class UnsetVariables implements EnvironmentPostProcessor, Ordered {
  private static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_.]*)}");

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    for (PropertySource<?> source : environment.getPropertySources()) {
      if (source instanceof EnumerablePropertySource<?> layer && source.getName().contains("app-config")) {
        Map<String, Object> kept = new LinkedHashMap<>();
        for (String name : layer.getPropertyNames()) {
          Object value = layer.getProperty(name);
          if (VARIABLE.matcher(String.valueOf(value)).results().allMatch(variable -> environment.containsProperty(variable.group(1)))) {
            kept.put(name, value);
          }
        }
        environment.getPropertySources().replace(source.getName(), new MapPropertySource(source.getName(), kept));
      }
    }
  }

  @Override
  public int getOrder() {
    return ConfigDataEnvironmentPostProcessor.ORDER + 1;
  }
}
