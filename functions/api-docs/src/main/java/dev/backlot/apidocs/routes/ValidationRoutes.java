package dev.backlot.apidocs.routes;

import dev.backlot.apidocs.validation.DefinitionTooLargeException;
import dev.backlot.apidocs.validation.DefinitionValidator;
import dev.backlot.apidocs.validation.UnreadableDefinitionException;
import dev.backlot.platform.http.Access;
import dev.backlot.platform.http.HttpError;
import dev.backlot.platform.http.Router;

/** {@code POST /validate}: the report on a definition, without storing it. Any caller may ask. */
public final class ValidationRoutes {
  private final DefinitionValidator validator;

  public ValidationRoutes(DefinitionValidator validator) {
    this.validator = validator;
  }

  public void register(Router router) {
    router.post("/validate", Access.SIGNED_IN.permission(ApiDocsPermissions.DEFINITION_VALIDATE), validator.limits().maxBytes(), request -> {
      byte[] content = request.body();
      if (content.length == 0) {
        throw HttpError.inputError("Request body is empty, expected an API definition");
      }
      try {
        return Reports.validation(validator.validate(content, Paths.formatHint(request)));
      } catch (DefinitionTooLargeException e) {
        throw Reports.tooLarge(e);
      } catch (UnreadableDefinitionException e) {
        return Reports.unreadable(e.problem());
      }
    });
  }
}
