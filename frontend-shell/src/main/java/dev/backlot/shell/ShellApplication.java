package dev.backlot.shell;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The web shell: serves the portal UI and, with sign-in, forwards /api/** to the gateway. */
@SpringBootApplication(proxyBeanMethods = false)
public class ShellApplication {
  public static void main(String[] args) {
    SpringApplication.run(ShellApplication.class, args);
  }
}
