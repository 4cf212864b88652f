package dev.backlot.scaffolder.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.catalog.client.CatalogClient;
import dev.backlot.platform.auth.Identity;
import dev.backlot.platform.http.HttpError;
import dev.backlot.platform.http.Request;
import dev.backlot.scaffolder.template.InvalidTemplateException;
import dev.backlot.scaffolder.template.Template;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/** Templates and users from the catalog, through its client: the scaffolder keeps no copy of either. */
public final class Templates {
  private final CatalogClient catalog;

  public Templates(CatalogClient catalog) {
    this.catalog = catalog;
  }

  /**
   * The template {@code kind:namespace/name} as {@code request}'s caller may read it: 400 for another
   * kind or an unsupported template, 404 when the catalog has none or will not show it to them.
   */
  public Template get(String kind, String namespace, String name, Request request) throws IOException {
    if (!kind.toLowerCase(Locale.ROOT).equals("template")) {
      throw HttpError.inputError("Invalid kind, only 'Template' kind is supported");
    }
    return get("template:" + namespace + "/" + name, request);
  }

  /**
   * The template {@code templateRef}, read as the caller ({@link CatalogClient#asCallerOf}), so the
   * catalog's read policies decide which templates they see, as Backstage reads templates with the
   * user's token.
   */
  public Template get(String templateRef, Request request) throws IOException {
    Optional<ObjectNode> entity = catalog.asCallerOf(request).getEntityByRef(templateRef);
    if (entity.isEmpty()) {
      throw HttpError.notFound("Template " + templateRef + " not found");
    }
    try {
      return Template.from(entity.get());
    } catch (InvalidTemplateException e) {
      throw HttpError.inputError(e.getMessage());
    }
  }

  /**
   * {@code user} of the template context: the caller's ref and, for a person, their entity (empty
   * when the catalog has none) and the ownership refs their token carried
   * ({@code ownershipEntityRefs}), for actions that call other plugins on their behalf when the
   * task runs (a task stores refs, never a token).
   */
  public JsonNode user(Identity identity) throws IOException {
    ObjectNode user = JsonNodeFactory.instance.objectNode();
    user.put("ref", identity.subject());
    if (identity.kind() == Identity.Kind.USER) {
      catalog.getEntityByRef(identity.subject()).ifPresent(entity -> user.set("entity", entity));
      identity.ownershipRefs().forEach(user.putArray("ownershipEntityRefs")::add);
    }
    return user;
  }
}
