package dev.backlot.scaffolder.actions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.integration.github.GitHubCredentials;

/** An action that changes something on GitHub ({@link GitHubRepo}): never run in a dry run. */
abstract class GitHubAction extends DescribedAction {
  protected final GitHubCredentials credentials;

  GitHubAction(String id, String description, ObjectNode input, ObjectNode output, GitHubCredentials credentials) {
    super(id, description, input, output);
    this.credentials = credentials;
  }

  @Override
  public final boolean supportsDryRun() {
    return false;
  }
}
