package dev.backlot.scaffolder.run;

import dev.backlot.scaffolder.actions.ActionException;
import dev.backlot.scaffolder.actions.TemplateFiles;
import java.util.Map;

/**
 * Files next to a template from the catalog whose location is not on a configured GitHub host (a
 * {@code file:} location, another URL): reading them is not built; a task whose steps fetch them
 * fails that step with this message, and a dry run with the files works.
 */
final class CatalogTemplateFiles implements TemplateFiles {
  private final String templateRef;

  CatalogTemplateFiles(String templateRef) {
    this.templateRef = templateRef;
  }

  @Override
  public Map<String, byte[]> folder(String url) {
    throw unsupported(url);
  }

  @Override
  public byte[] file(String url) {
    throw unsupported(url);
  }

  private ActionException unsupported(String url) {
    return new ActionException("Reading " + url + " next to " + templateRef + " is supported only from a GitHub location in integrations.github; use a dry run with the files");
  }
}
