package dev.backlot.scaffolder.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.integration.github.GitHubCredentials;
import dev.backlot.platform.http.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code publish:github:pull-request}: the workspace (or {@code sourcePath}) committed onto a new
 * branch of an existing repository through the Git Data API (blobs, a tree on the target branch's
 * tree, under {@code targetPath}, one commit, the branch ref), and a pull request from it to
 * {@code targetBranchName} (the repository's default branch when absent), with reviewers when
 * named. Not run in a dry run.
 */
final class PublishGitHubPullRequest extends GitHubAction {
  private static final ObjectNode INPUT = Schemas.of("""
      {"type": "object", "required": ["repoUrl", "title", "description", "branchName"], "properties": {
        "repoUrl": {"type": "string", "title": "Repository Location", "description": "Accepts the format 'github.com?repo=reponame&owner=owner' where 'reponame' is the repository name and 'owner' is an organization or username"},
        "branchName": {"type": "string", "title": "Branch Name", "description": "The name for the branch"},
        "targetBranchName": {"type": "string", "title": "Target Branch Name", "description": "The target branch name of the merge request"},
        "title": {"type": "string", "title": "Pull Request Name", "description": "The name for the pull request"},
        "description": {"type": "string", "title": "Pull Request Description", "description": "The description of the pull request"},
        "draft": {"type": "boolean", "title": "Create as Draft", "description": "Create a draft pull request"},
        "sourcePath": {"type": "string", "title": "Working Subdirectory", "description": "Subdirectory of working directory to copy changes from"},
        "targetPath": {"type": "string", "title": "Repository Subdirectory", "description": "Subdirectory of repository to apply changes to"},
        "token": {"type": "string", "title": "Authentication Token", "description": "The token to use for authorization to GitHub"},
        "reviewers": {"type": "array", "items": {"type": "string"}, "title": "Pull Request Reviewers", "description": "The users that will be added as reviewers to the pull request"},
        "teamReviewers": {"type": "array", "items": {"type": "string"}, "title": "Pull Request Team Reviewers", "description": "The teams that will be added as reviewers to the pull request"},
        "commitMessage": {"type": "string", "title": "Commit Message", "description": "The commit message for the pull request commit"},
        "gitAuthorName": {"type": "string", "title": "Default Author Name", "description": "Sets the default author name for the commit."},
        "gitAuthorEmail": {"type": "string", "title": "Default Author Email", "description": "Sets the default author email for the commit."}
      }}""");
  private static final ObjectNode OUTPUT = Schemas.of("""
      {"type": "object", "properties": {
        "targetBranchName": {"type": "string", "title": "Target branch name of the merge request"},
        "remoteUrl": {"type": "string", "title": "Pull Request URL", "description": "Link to the pull request in Github"},
        "pullRequestNumber": {"type": "number", "title": "Pull Request Number", "description": "The pull request number"}
      }}""");


  PublishGitHubPullRequest(GitHubCredentials credentials) {
    super("publish:github:pull-request", "Creates a pull request in GitHub with the files of the workspace", INPUT, OUTPUT, credentials);
  }

  @Override
  public void run(ActionContext context) throws IOException {
    GitHubRepo target = GitHubRepo.of(context, credentials);
    String targetBranch = context.string("targetBranchName", null);
    if (targetBranch == null) {
      targetBranch = target.call("GET", target.path(), null).path("default_branch").asText("main");
    }
    String branch = context.string("branchName", "");
    JsonNode base = target.call("GET", target.path() + "/git/commits/"
        + target.call("GET", target.path() + "/git/ref/heads/" + targetBranch, null).path("object").path("sha").asText(), null);
    String prefix = context.string("targetPath", "");
    prefix = prefix.isEmpty() || prefix.equals(".") || prefix.equals("./") ? "" : prefix.replaceAll("^\\./", "").replaceAll("/*$", "/");
    if (prefix.startsWith("/") || List.of(prefix.split("/")).contains("..")) {
      throw new ActionException("targetPath must be a relative path inside the repository, not '" + context.string("targetPath", "") + "'");
    }
    Path root = context.workspace().resolve(context.string("sourcePath", "./"));
    String tree = target.tree(context, root, prefix, base.path("tree").path("sha").asText());
    ObjectNode commitBody = Json.object().put("message", context.string("commitMessage", context.string("title", ""))).put("tree", tree);
    commitBody.putArray("parents").add(base.path("sha").asText());
    if (context.input().hasNonNull("gitAuthorName") || context.input().hasNonNull("gitAuthorEmail")) {
      commitBody.putObject("author").put("name", context.string("gitAuthorName", "Scaffolder")).put("email", context.string("gitAuthorEmail", "scaffolder@backstage.io"));
    }
    String commit = target.call("POST", target.path() + "/git/commits", commitBody).path("sha").asText();
    target.call("POST", target.path() + "/git/refs", Json.object().put("ref", "refs/heads/" + branch).put("sha", commit));
    context.log("Committed " + commit + " to the new branch " + branch);
    JsonNode pull = target.call("POST", target.path() + "/pulls", Json.object().put("title", context.string("title", ""))
        .put("head", branch).put("base", targetBranch).put("body", context.string("description", ""))
        .put("draft", context.input().path("draft").asBoolean(false)));
    int number = pull.path("number").asInt();
    List<String> reviewers = FetchTemplate.strings(context.input().path("reviewers"));
    List<String> teams = FetchTemplate.strings(context.input().path("teamReviewers"));
    if (!reviewers.isEmpty() || !teams.isEmpty()) {
      ObjectNode request = Json.object();
      request.set("reviewers", Json.MAPPER.valueToTree(reviewers));
      request.set("team_reviewers", Json.MAPPER.valueToTree(teams));
      target.call("POST", target.path() + "/pulls/" + number + "/requested_reviewers", request);
    }
    context.log("Created pull request #" + number);
    context.output("targetBranchName", targetBranch);
    context.output("remoteUrl", pull.path("html_url").asText());
    context.output("pullRequestNumber", Json.MAPPER.getNodeFactory().numberNode(number));
  }
}
