package dev.backlot.scaffolder.actions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.integration.github.GitHubApiCalls;
import dev.backlot.integration.github.GitHubCredentials;
import dev.backlot.platform.http.Json;
import java.io.IOException;

/**
 * {@code github:actions:dispatch}: a {@code workflow_dispatch} event for one workflow of the
 * repository, on a branch or tag, with inputs ({@code POST
 * /repos/:owner/:repo/actions/workflows/:workflow_id/dispatches}). Not run in a dry run.
 */
final class GitHubActionsDispatch extends GitHubAction {
  private static final ObjectNode INPUT = Schemas.of("""
      {"type": "object", "required": ["repoUrl", "workflowId", "branchOrTagName"], "properties": {
        "repoUrl": {"type": "string", "title": "Repository Location", "description": "Accepts the format 'github.com?repo=reponame&owner=owner' where 'reponame' is the new repository name and 'owner' is an organization or username"},
        "workflowId": {"type": "string", "title": "Workflow ID", "description": "The GitHub Action Workflow filename"},
        "branchOrTagName": {"type": "string", "title": "Branch or Tag name", "description": "The git branch or tag name used to dispatch the workflow"},
        "workflowInputs": {"type": "object", "title": "Workflow Inputs", "description": "Inputs keys and values to send to GitHub Action configured on the workflow file. The maximum number of properties is 10. "},
        "token": {"type": "string", "title": "Authentication Token", "description": "The GITHUB_TOKEN to use for authorization to GitHub"}
      }}""");


  GitHubActionsDispatch(GitHubCredentials credentials) {
    super("github:actions:dispatch", "Dispatches a GitHub Action workflow for a given branch or tag", INPUT, Schemas.of("{\"type\": \"object\"}"), credentials);
  }

  @Override
  public void run(ActionContext context) throws IOException {
    ObjectNode inputs = context.input().path("workflowInputs").isObject() ? (ObjectNode) context.input().get("workflowInputs") : Json.object();
    if (inputs.size() > 10) {
      // GitHub refuses more; saying so here names the step and the limit.
      throw new ActionException("workflowInputs has " + inputs.size() + " properties; GitHub accepts at most 10");
    }
    GitHubRepo target = GitHubRepo.of(context, credentials);
    String workflow = context.string("workflowId", "");
    context.log("Dispatching workflow " + workflow + " for repo " + context.string("repoUrl", "") + " on " + context.string("branchOrTagName", ""));
    ObjectNode body = Json.object().put("ref", context.string("branchOrTagName", ""));
    body.set("inputs", inputs);
    target.call("POST", target.path() + "/actions/workflows/" + GitHubApiCalls.encode(workflow)
        + "/dispatches", body);
    context.log("Workflow " + workflow + " dispatched successfully");
  }
}
