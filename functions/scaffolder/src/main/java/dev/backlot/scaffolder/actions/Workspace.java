package dev.backlot.scaffolder.actions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A task's temporary directory. Every path an action names goes through {@link #resolve}, which
 * refuses anything that would leave the directory ({@code ..}, absolute paths, links); the
 * directory and all in it are deleted on {@link #close}, whether the task worked or failed.
 */
public final class Workspace implements AutoCloseable {
  /** Files a run may write into its workspace, and their total size: a skeleton or a template cannot fill the instance's disk. */
  public static final int MAX_FILES = 10_000;
  public static final long MAX_BYTES = 100L * 1024 * 1024;

  private final Path root;
  private int written;
  private long writtenBytes;

  private Workspace(Path root) {
    this.root = root;
  }

  public static Workspace create() {
    try {
      return new Workspace(Files.createTempDirectory("backlot-scaffolder-").toRealPath());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a workspace", e);
    }
  }

  public Path root() {
    return root;
  }

  /** {@code relative} inside the workspace, or an {@link ActionException} naming it when it would leave it. */
  public Path resolve(String relative) {
    return inside(root, relative);
  }

  /** {@code relative} inside {@code base} (a folder of the workspace), refused when it would leave the workspace. */
  public Path inside(Path base, String relative) {
    if (relative == null || relative.indexOf('\0') >= 0 || relative.contains("\\")) {
      throw new ActionException("Relative path is not allowed to refer to a directory outside its parent: " + relative);
    }
    Path path = Path.of(relative);
    Path resolved = base.resolve(path).normalize();
    if (path.isAbsolute() || !resolved.startsWith(root)) {
      throw new ActionException("Relative path is not allowed to refer to a directory outside its parent: " + relative);
    }
    // A link inside the workspace could point out of it: every existing part of the path must be a real folder or file.
    Path at = root;
    for (Path part : root.relativize(resolved)) {
      at = at.resolve(part);
      if (Files.isSymbolicLink(at)) {
        throw new ActionException("Refusing to follow a link in the workspace: " + relative);
      }
      if (!Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
        break;
      }
    }
    return resolved;
  }

  /** Writes {@code content} at {@code file} (already resolved), creating folders, within the workspace's limits. */
  public void write(Path file, byte[] content) {
    try {
      if (!file.normalize().startsWith(root) || file.equals(root)) {
        throw new ActionException("Refusing to write outside the workspace: " + root.relativize(file));
      }
      // Counted as written rather than walked on every write (a 200-file skeleton walked the tree
      // 200 times): files later deleted or overwritten still count, which only errs on the safe side.
      if (written >= MAX_FILES || writtenBytes + content.length > MAX_BYTES) {
        throw new ActionException("The workspace would hold more than " + MAX_FILES + " files or " + MAX_BYTES + " bytes");
      }
      written++;
      writtenBytes += content.length;
      Files.createDirectories(file.getParent());
      Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every regular file below {@code folder}, as paths relative to it with '/' separators, sorted. */
  public List<String> files(Path folder) {
    List<String> found = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return found;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).forEach(p -> found.add(folder.relativize(p).toString().replace('\\', '/')));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    found.sort(null);
    return found;
  }

  @Override
  public void close() {
    try {
      if (Files.exists(root)) {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the workspace " + root, e);
    }
  }
}
