package dev.backlot.platform.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlot.platform.config.Config;
import dev.backlot.platform.config.ConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings Backstage would refuse fail at start-up, with the reason. */
class AuthConfigTest {
  private static String startWith(Map<String, ?> externalAccess) {
    Config config = Config.of(Map.of("backend", Map.of("auth", Map.of("externalAccess", List.of(externalAccess)))));
    return assertThrows(ConfigException.class, () -> Authenticator.fromConfig(config, "catalog")).getMessage();
  }

  @Test
  void staticTokensMustBeLongAndWithoutSpaces() {
    assertTrue(startWith(Map.of("type", "static", "options", Map.of("token", "short", "subject", "bot"))).contains("at least 8 characters"));
    assertTrue(startWith(Map.of("type", "static", "options", Map.of("token", "has a space", "subject", "bot"))).contains("non-space"));
    assertTrue(startWith(Map.of("type", "static", "options", Map.of("token", "long-enough"))).contains("options.subject"));
  }

  @Test
  void unsupportedTypesAreRefused() {
    assertTrue(startWith(Map.of("type", "legacy", "options", Map.of("secret", "x"))).contains("Unsupported type 'legacy'"));
  }

  /** What Backstage's {@code readAccessRestrictionsFromConfig} refuses, in its words: a typo must not widen a token. */
  @Test
  void accessRestrictionsBackstageWouldRefuseAreRefused() {
    assertEquals("Invalid key 'permissions' in 'accessRestrictions' config, expected one of 'plugin', 'permission', 'permissionAttribute'",
        restrictedBy(List.of(Map.of("plugin", "catalog", "permissions", "catalog.entity.read"))));
    assertEquals("Attempted to declare 'accessRestrictions' twice for plugin 'catalog', which is not permitted",
        restrictedBy(List.of(Map.of("plugin", "catalog", "permission", "catalog.entity.read"), Map.of("plugin", "catalog"))));
    assertEquals("Invalid key 'resourceType' in 'permissionAttribute' config, expected 'action'",
        restrictedBy(List.of(Map.of("plugin", "catalog", "permissionAttribute", Map.of("resourceType", "catalog-entity")))));
    assertEquals("Invalid value 'write' at 'action' in 'permissionAttributes' config, valid values are 'create', 'read', 'update', 'delete'",
        restrictedBy(List.of(Map.of("plugin", "catalog", "permissionAttribute", Map.of("action", "read, write")))));
    assertTrue(restrictedBy(List.of(Map.of("permission", "catalog.entity.read"))).contains("plugin"), "a restriction names its plugin");
  }

  private static String restrictedBy(List<Map<String, ?>> restrictions) {
    return startWith(Map.of("type", "static", "options", Map.of("token", "long-enough", "subject", "bot"), "accessRestrictions", restrictions));
  }

  @Test
  void theLocalServiceKeyMustBeAnEcPrivateKey() {
    Config config = Config.of(Map.of("backend", Map.of("auth", Map.of("serviceTokens", Map.of("local",
        Map.of("privateKey", dev.backlot.testing.TestTokens.serviceKey().toPublicJWK().toJSONString()))))));
    assertTrue(assertThrows(ConfigException.class, () -> Authenticator.fromConfig(config, "catalog")).getMessage()
        .contains("backend.auth.serviceTokens.local.privateKey"));
  }

  @Test
  void withoutAuthConfigEveryCallerIsRefused() {
    Authenticator nothing = Authenticator.fromConfig(Config.empty(), "catalog");
    assertEquals(401, assertThrows(dev.backlot.platform.http.HttpError.class,
        () -> ((CallerVerification) nothing).identify("Bearer " + dev.backlot.testing.TestTokens.userToken("user:default/x"))).status());
  }
}
