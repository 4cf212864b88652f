package dev.backlot.catalog.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.catalog.model.EntityValidator;
import dev.backlot.platform.http.Access;
import dev.backlot.platform.http.HttpError;
import dev.backlot.platform.http.Response;
import dev.backlot.platform.http.Router;
import java.util.List;
import java.util.Map;

/** {@code POST /validate-entity}: Backstage's dry check of an entity before it is committed. */
public final class ValidationRoutes {
  public void register(Router router) {
    router.post("/validate-entity", Access.SIGNED_IN.permission(dev.backlot.catalog.permissions.CatalogPermissions.ENTITY_VALIDATE), request -> {
      JsonNode body = request.json();
      String location = body.path("location").asText("");
      if (!location.startsWith("url:")) {
        return Response.json(400, Map.of("errors", List.of(Map.of("name", "TypeError",
            "message", "Invalid location ref '" + location + "', only 'url:' locations are accepted"))));
      }
      if (!body.has("entity")) {
        throw HttpError.inputError("request/body must have required property 'entity'");
      }
      List<String> problems = EntityValidator.validate(body.get("entity"));
      if (problems.isEmpty()) {
        return Response.empty(200);
      }
      return Response.json(400, Map.of("errors", problems.stream()
          .map(problem -> Map.of("name", "InputError", "message", problem))
          .toList()));
    });
  }
}
