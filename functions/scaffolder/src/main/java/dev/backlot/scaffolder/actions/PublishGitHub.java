package dev.backlot.scaffolder.actions;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code publish:github} with Backstage's input and output schemas, so that templates using it
 * validate and dry-run (skipped there with the example outputs, as Backstage does). Creating the
 * repository is not built yet: in a task the step fails saying so, before anything is published.
 */
final class PublishGitHub extends DescribedAction {
  private static final ObjectNode INPUT = Schemas.of("""
      {"type": "object", "required": ["repoUrl"], "properties": {
        "repoUrl": {"type": "string", "title": "Repository Location", "description": "Accepts the format 'github.com?repo=reponame&owner=owner'"},
        "description": {"type": "string", "title": "Repository Description"},
        "homepage": {"type": "string", "title": "Repository Homepage"},
        "access": {"type": "string", "title": "Repository Access"},
        "defaultBranch": {"type": "string", "title": "Default Branch", "description": "Sets the default branch on the repository. The default value is 'master'"},
        "repoVisibility": {"type": "string", "enum": ["private", "public", "internal"], "title": "Repository Visibility"},
        "sourcePath": {"type": "string", "title": "Source Path", "description": "Path within the workspace that will be used as the repository root."},
        "gitCommitMessage": {"type": "string", "title": "Git Commit Message"},
        "gitAuthorName": {"type": "string", "title": "Default Author Name"},
        "gitAuthorEmail": {"type": "string", "title": "Default Author Email"},
        "topics": {"type": "array", "items": {"type": "string"}, "title": "Topics"},
        "collaborators": {"type": "array", "title": "Collaborators", "items": {"type": "object"}},
        "protectDefaultBranch": {"type": "boolean", "title": "Protect Default Branch"},
        "requireCodeOwnerReviews": {"type": "boolean", "title": "Require CODEOWNER Reviews?"},
        "token": {"type": "string", "title": "Authentication Token"}
      }}""");
  private static final ObjectNode OUTPUT = Schemas.of("""
      {"type": "object", "properties": {
        "remoteUrl": {"type": "string", "title": "A URL to the repository with the provider", "examples": ["https://github.com/example/example"]},
        "repoContentsUrl": {"type": "string", "title": "A URL to the root of the repository", "examples": ["https://github.com/example/example/blob/main"]},
        "commitHash": {"type": "string", "title": "The git commit hash of the initial commit", "examples": ["0000000000000000000000000000000000000000"]}
      }}""");

  PublishGitHub() {
    super("publish:github", "Initializes a git repository of contents in workspace and publishes it to GitHub.", INPUT, OUTPUT);
  }

  @Override
  public boolean supportsDryRun() {
    return false;
  }

  @Override
  public void run(ActionContext context) {
    throw new ActionException("publish:github cannot create repositories in Backlot yet; nothing was published");
  }
}
