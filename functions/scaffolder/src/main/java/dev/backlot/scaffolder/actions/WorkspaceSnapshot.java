package dev.backlot.scaffolder.actions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A workspace as one zip, for a task's checkpoint: a worker that dies leaves it in the task's
 * record, and the worker that recovers the task restores it and resumes after the last finished
 * step. Executable files are marked (entry comment {@code x}). Restoring writes through the
 * workspace, so its path checks and limits hold for a snapshot as for any action.
 */
public final class WorkspaceSnapshot {
  /** Zipped bytes a snapshot may take; a larger workspace is not snapshotted and its task starts over when recovered. */
  public static final int MAX_BYTES = 16 * 1024 * 1024;
  private static final String EXECUTABLE = "x";

  private WorkspaceSnapshot() {}

  /** The zip of {@code workspace}, or null when it is larger than {@link #MAX_BYTES}. */
  public static byte[] of(Workspace workspace) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (String file : workspace.files(workspace.root())) {
        Path path = workspace.inside(workspace.root(), file);
        ZipEntry entry = new ZipEntry(file);
        if (Files.isExecutable(path)) {
          entry.setComment(EXECUTABLE);
        }
        zip.putNextEntry(entry);
        Files.copy(path, zip);
        zip.closeEntry();
        if (bytes.size() > MAX_BYTES) {
          return null;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot snapshot the workspace", e);
    }
    return bytes.size() > MAX_BYTES ? null : bytes.toByteArray();
  }

  /** The files of {@code snapshot} written into {@code workspace}. */
  public static void restore(byte[] snapshot, Workspace workspace) {
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(snapshot))) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        if (entry.isDirectory()) {
          continue;
        }
        Path destination = workspace.resolve(entry.getName());
        workspace.write(destination, zip.readAllBytes());
        if (EXECUTABLE.equals(entry.getComment())) {
          destination.toFile().setExecutable(true);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restore the workspace", e);
    }
  }
}
