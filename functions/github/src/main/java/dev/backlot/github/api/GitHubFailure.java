package dev.backlot.github.api;

import java.io.FileNotFoundException;
import java.io.IOException;
import org.kohsuke.github.HttpException;

/** A failed GitHub call as discovery and org sync report it: GitHub's status and what was asked. */
public final class GitHubFailure {
  private GitHubFailure() {}

  /** A call to GitHub through github-api. */
  public interface Call<T> {
    T call() throws IOException;
  }

  /** What {@code call} answers; its failure says it was reading {@code what}. */
  public static <T> T reading(String what, Call<T> call) throws IOException {
    try {
      return call.call();
    } catch (IOException e) {
      throw of(what, e);
    }
  }

  /** {@code e}, thrown while reading {@code what}, as an error that says both. */
  public static IOException of(String what, IOException e) {
    if (notFound(e)) {
      return new IOException("GitHub answered 404 to " + what, e);
    }
    if (e instanceof RateLimits.Refused refused) {
      return new IOException("GitHub answered " + refused.getResponseCode() + " (" + refused.getMessage() + ") to " + what, e);
    }
    if (e instanceof HttpException http && http.getResponseCode() > 0) {
      return new IOException("GitHub answered " + http.getResponseCode() + " to " + what, e);
    }
    return new IOException(what + ": " + e.getMessage(), e);
  }

  /** Whether {@code e} is GitHub's 404: the thing asked for is not there, or not visible to these credentials. */
  public static boolean notFound(IOException e) {
    // github-api makes a GHFileNotFoundException of a 404 with a body, a plain one of a 404 without.
    return e instanceof FileNotFoundException;
  }
}
