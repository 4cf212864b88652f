package dev.backlot.integration.github;

import java.util.regex.Pattern;

/**
 * GitHub's own rules for owner and repository names, checked before a name goes into an API path,
 * so no input can steer a request elsewhere ({@code ../}, {@code %2F}, {@code ?}, {@code #}, spaces).
 */
public final class GitHubNames {
  /** GitHub's logins: letters, digits and single hyphens inside, at most 39. */
  private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}");
  /** GitHub's repository names: letters, digits, {@code .}, {@code -}, {@code _}, at most 100. */
  private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  private GitHubNames() {}

  public static boolean isOwner(String name) {
    return name != null && OWNER.matcher(name).matches();
  }

  /** A repository name GitHub would accept; never {@code .} or {@code ..}. */
  public static boolean isRepository(String name) {
    return name != null && REPOSITORY.matcher(name).matches() && !name.equals(".") && !name.equals("..");
  }
}
