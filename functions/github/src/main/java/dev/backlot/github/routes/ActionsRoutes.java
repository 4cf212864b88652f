package dev.backlot.github.routes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.catalog.client.CatalogClient;
import dev.backlot.catalog.client.CatalogClientException;
import dev.backlot.github.actions.ProjectSlug;
import dev.backlot.github.actions.WorkflowRuns;
import dev.backlot.github.api.GitHubClients;
import dev.backlot.platform.http.Access;
import dev.backlot.platform.http.HttpError;
import dev.backlot.platform.http.Request;
import dev.backlot.platform.http.Response;
import dev.backlot.platform.http.Router;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * GitHub Actions of a catalog entity, for the CI/CD tab: {@code GET /actions/runs?entityRef=},
 * {@code GET /actions/runs/:runId/jobs?entityRef=}, {@code POST /actions/runs/:runId/rerun?entityRef=}.
 * The browser names an entity, never a repository: the entity is read from the catalog on the
 * caller's behalf (one they may not read is a 404, as one that does not exist), and the
 * repository is its {@code github.com/project-slug}. {@code GET /actions/rerun-permission}
 * answers 200 to whoever may re-run and 403 to others, so the tab asks before it shows the button.
 */
public final class ActionsRoutes {
  /** Who may re-run: admins, or with the permission framework the policy of {@code github.actions.rerun}. */
  private static final Access RERUN = Access.admins().permission(GitHubPermissions.ACTIONS_RERUN);
  /** A run id as GitHub gives it: a positive number (at most 18 digits, within a long). */
  private static final Pattern RUN_ID = Pattern.compile("[1-9][0-9]{0,17}");
  /** Longer entity refs are refused before the catalog is asked. */
  private static final int MAX_ENTITY_REF = 1024;

  private final CatalogClient catalog;
  private final GitHubClients github;
  private final WorkflowRuns runs;

  public ActionsRoutes(CatalogClient catalog, GitHubClients github, WorkflowRuns runs) {
    this.catalog = catalog;
    this.github = github;
    this.runs = runs;
  }

  public void register(Router router) {
    router.get("/actions/runs", Access.SIGNED_IN, request -> runs.runs(slug(request)));
    router.get("/actions/runs/:runId/jobs", Access.SIGNED_IN, request -> runs.jobs(slug(request), runId(request)));
    router.post("/actions/runs/:runId/rerun", RERUN, request -> {
      ProjectSlug slug = slug(request);
      long runId = runId(request);
      runs.rerun(slug, runId);
      return Response.json(202, Map.of("repository", slug.toString(), "runId", runId, "rerun", true));
    });
    router.get("/actions/rerun-permission", RERUN, request -> Map.of("allowed", true));
  }

  /** The repository of the entity {@code entityRef} names, read as the caller. */
  private ProjectSlug slug(Request request) {
    String entityRef = request.query("entityRef").map(String::trim).orElse("");
    if (entityRef.isEmpty() || entityRef.length() > MAX_ENTITY_REF) {
      throw HttpError.inputError("entityRef is required: kind:namespace/name, at most " + MAX_ENTITY_REF + " characters");
    }
    Optional<ObjectNode> entity;
    try {
      entity = catalog.asCallerOf(request).getEntityByRef(entityRef);
    } catch (IllegalArgumentException e) {
      throw HttpError.inputError(e.getMessage());
    } catch (CatalogClientException e) {
      if (e.status() == 400) {
        throw HttpError.inputError(e.catalogMessage());
      }
      throw HttpError.serviceUnavailable("Cannot read " + entityRef + " from the catalog: " + e.getMessage());
    } catch (IOException e) {
      throw HttpError.serviceUnavailable("Cannot read " + entityRef + " from the catalog: " + e.getMessage());
    }
    return ProjectSlug.of(entity.orElseThrow(() -> HttpError.notFound("No entity " + entityRef)), entityRef, github::knowsHost);
  }

  private static long runId(Request request) {
    String runId = request.pathParam("runId");
    if (!RUN_ID.matcher(runId).matches()) {
      throw HttpError.inputError("runId must be a GitHub workflow run id: digits, at most 18");
    }
    return Long.parseLong(runId);
  }
}
