package dev.backlot.scaffolder.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.integration.github.GitHubCredentials;
import dev.backlot.platform.http.Json;
import java.io.IOException;
import java.util.List;

/**
 * {@code publish:github}: creates the repository (description, homepage, visibility, topics,
 * default branch, branch protection, as Backstage's action allows) and pushes the workspace as its
 * initial commit through the Git Data API (blobs, a tree, a commit, the branch ref), with
 * {@code integrations.github}'s credentials for the owner or the input's {@code token}. Not run in
 * a dry run.
 */
final class PublishGitHub extends GitHubAction {
  private static final ObjectNode INPUT = Schemas.of("""
      {"type": "object", "required": ["repoUrl"], "properties": {
        "repoUrl": {"type": "string", "title": "Repository Location", "description": "Accepts the format 'github.com?repo=reponame&owner=owner'"},
        "description": {"type": "string", "title": "Repository Description"},
        "homepage": {"type": "string", "title": "Repository Homepage"},
        "defaultBranch": {"type": "string", "title": "Default Branch", "description": "Sets the default branch on the repository. The default value is 'master'"},
        "repoVisibility": {"type": "string", "enum": ["private", "public", "internal"], "title": "Repository Visibility"},
        "sourcePath": {"type": "string", "title": "Source Path", "description": "Path within the workspace that will be used as the repository root."},
        "gitCommitMessage": {"type": "string", "title": "Git Commit Message", "description": "Sets the commit message on the repository. The default value is 'initial commit'"},
        "gitAuthorName": {"type": "string", "title": "Default Author Name"},
        "gitAuthorEmail": {"type": "string", "title": "Default Author Email"},
        "topics": {"type": "array", "items": {"type": "string"}, "title": "Topics"},
        "protectDefaultBranch": {"type": "boolean", "title": "Protect Default Branch", "description": "Protect the default branch after creating the repository. The default value is 'true'"},
        "requireCodeOwnerReviews": {"type": "boolean", "title": "Require CODEOWNER Reviews?"},
        "requiredApprovingReviewCount": {"type": "number", "title": "Required approving review count"},
        "token": {"type": "string", "title": "Authentication Token", "description": "The token to use for authorization to GitHub"}
      }}""");
  private static final ObjectNode OUTPUT = Schemas.of("""
      {"type": "object", "properties": {
        "remoteUrl": {"type": "string", "title": "A URL to the repository with the provider", "examples": ["https://github.com/example/example"]},
        "repoContentsUrl": {"type": "string", "title": "A URL to the root of the repository", "examples": ["https://github.com/example/example/blob/main"]},
        "commitHash": {"type": "string", "title": "The git commit hash of the initial commit", "examples": ["0000000000000000000000000000000000000000"]}
      }}""");


  PublishGitHub(GitHubCredentials credentials) {
    super("publish:github", "Initializes a git repository of contents in workspace and publishes it to GitHub.", INPUT, OUTPUT, credentials);
  }

  @Override
  public void run(ActionContext context) throws IOException {
    GitHubRepo target = GitHubRepo.of(context, credentials);
    String host = target.host();
    String owner = target.owner();
    String repo = target.repo();
    String branch = context.string("defaultBranch", "master");

    JsonNode created = create(target, context, owner, repo);
    context.log("Created repository " + owner + "/" + repo);
    List<String> topics = FetchTemplate.strings(context.input().path("topics"));
    if (!topics.isEmpty()) {
      target.call("PUT", "/repos/" + owner + "/" + repo + "/topics", Json.object().set("names", Json.MAPPER.valueToTree(topics)));
    }
    String commit = push(target, context, created.path("default_branch").asText("main"), branch);
    context.log("Pushed the initial commit " + commit + " to " + branch);
    if (context.input().path("protectDefaultBranch").asBoolean(true)) {
      protect(target, context, owner, repo, branch);
    }
    String remoteUrl = created.path("html_url").asText("https://" + host + "/" + owner + "/" + repo);
    context.output("remoteUrl", remoteUrl);
    context.output("repoContentsUrl", remoteUrl + "/blob/" + branch);
    context.output("commitHash", commit);
  }

  /** In an organisation (POST /orgs/:org/repos) or the authenticated user's account (POST /user/repos), initialised so the Git Data API works. */
  private static JsonNode create(GitHubRepo target, ActionContext context, String owner, String repo) throws IOException {
    JsonNode user = target.call("GET", "/users/" + owner, null);
    ObjectNode body = Json.object().put("name", repo).put("auto_init", true);
    String visibility = context.string("repoVisibility", "private");
    body.put("private", !visibility.equals("public"));
    if (user.path("type").asText().equals("Organization")) {
      body.put("visibility", visibility);
    }
    for (String key : List.of("description", "homepage")) {
      if (context.input().hasNonNull(key)) {
        body.put(key, context.input().get(key).asText());
      }
    }
    String path = user.path("type").asText().equals("Organization") ? "/orgs/" + owner + "/repos" : "/user/repos";
    var response = target.send("POST", path, body);
    if (response.statusCode() == 422) {
      throw new ActionException("A repository " + owner + "/" + repo + " already exists, or its name is not allowed (GitHub answered 422)");
    }
    if (response.statusCode() / 100 != 2) {
      throw new ActionException("GitHub answered " + response.statusCode() + " to POST " + path);
    }
    return Json.MAPPER.readTree(response.body());
  }

  /** The workspace (or sourcePath in it) as one commit on {@code branch}, replacing the initial one. */
  private static String push(GitHubRepo target, ActionContext context, String initialBranch, String branch) throws IOException {
    String base = target.path();
    String createdTree = target.tree(context, context.workspace().resolve(context.string("sourcePath", "./")), "", null);
    JsonNode parent = target.call("GET", base + "/git/ref/heads/" + initialBranch, null);
    ObjectNode commitBody = Json.object().put("message", context.string("gitCommitMessage", "initial commit")).put("tree", createdTree);
    commitBody.putArray("parents").add(parent.path("object").path("sha").asText());
    if (context.input().hasNonNull("gitAuthorName") || context.input().hasNonNull("gitAuthorEmail")) {
      commitBody.putObject("author").put("name", context.string("gitAuthorName", "Scaffolder")).put("email", context.string("gitAuthorEmail", "scaffolder@backstage.io"));
    }
    String commit = target.call("POST", base + "/git/commits", commitBody).path("sha").asText();
    if (branch.equals(initialBranch)) {
      target.call("PATCH", base + "/git/refs/heads/" + branch, Json.object().put("sha", commit).put("force", true));
    } else {
      target.call("POST", base + "/git/refs", Json.object().put("ref", "refs/heads/" + branch).put("sha", commit));
      target.call("PATCH", base, Json.object().put("default_branch", branch));
      target.call("DELETE", base + "/git/refs/heads/" + initialBranch, null);
    }
    return commit;
  }

  private static void protect(GitHubRepo target, ActionContext context, String owner, String repo, String branch) throws IOException {
    ObjectNode body = Json.object();
    body.putNull("required_status_checks");
    body.put("enforce_admins", true);
    body.putObject("required_pull_request_reviews")
        .put("require_code_owner_reviews", context.input().path("requireCodeOwnerReviews").asBoolean(false))
        .put("required_approving_review_count", context.input().path("requiredApprovingReviewCount").asInt(1));
    body.putNull("restrictions");
    target.call("PUT", "/repos/" + owner + "/" + repo + "/branches/" + branch + "/protection", body);
    context.log("Protected the branch " + branch);
  }
}
