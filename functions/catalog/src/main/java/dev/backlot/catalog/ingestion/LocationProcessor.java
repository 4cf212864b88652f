package dev.backlot.catalog.ingestion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.catalog.ingestion.rules.CatalogRules;
import dev.backlot.catalog.model.EntityDocuments;
import dev.backlot.catalog.model.EntityRef;
import dev.backlot.catalog.model.EntityValidator;
import dev.backlot.catalog.model.InvalidEntityException;
import dev.backlot.catalog.model.ProcessingError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a location into the entities it holds: reads it, parses it, keeps out what the catalog
 * rules refuse, resolves placeholders, follows Location entities to their targets, adds the
 * managed-by annotations and validates. Refused and invalid entities are left out with an error;
 * if the location itself cannot be read, the result says so and the caller keeps what it had.
 * Entities are handed on file by file, so a location of 100k entities never sits in memory at once.
 */
public final class LocationProcessor {
  public static final String MANAGED_BY_LOCATION = "backstage.io/managed-by-location";
  public static final String MANAGED_BY_ORIGIN_LOCATION = "backstage.io/managed-by-origin-location";
  static final String VIEW_URL = "backstage.io/view-url";
  static final String EDIT_URL = "backstage.io/edit-url";
  static final String SOURCE_LOCATION = "backstage.io/source-location";
  private static final int MAX_DEPTH = 10;

  private final List<LocationReader> readers;
  private final PlaceholderReader placeholders;
  private final CatalogRules rules;

  /** Placeholders read within their own file's repository only. */
  public LocationProcessor(List<LocationReader> readers, CatalogRules rules) {
    this(readers, ReadingAllowList.NONE, rules);
  }

  /** Placeholders read within their own file's repository, and elsewhere what {@code allowList} names. */
  public LocationProcessor(List<LocationReader> readers, ReadingAllowList allowList, CatalogRules rules) {
    this.readers = List.copyOf(readers);
    this.placeholders = new PlaceholderReader(this::reader, allowList);
    this.rules = rules;
  }

  /**
   * What a location yielded: the entities (its generated Location entity first), errors, the
   * refs of entities that are still declared but failed processing, whose stored version stays,
   * and the entities the rules refused (each with the error that says so, also among {@code
   * errors}, there shown on the Location that led to them); {@code complete} is false when some
   * part could not be read. {@code unreadable} says, when the location itself could not be read,
   * why in words fit for whoever asked (see {@link #unreadable(LocationSpec, Exception)}); the
   * errors keep the whole story for the operator.
   */
  public record Result(LocationSpec origin, List<ObjectNode> entities, List<ProcessingError> errors, Set<String> retained,
      List<ProcessingError> refused, boolean complete, Optional<String> unreadable) {
    public List<String> messages() {
      return errors.stream().map(ProcessingError::message).toList();
    }

    /** What Backstage's dry run answers when the rules refuse entities: {@code NotAllowedError: Entity ...}. */
    public Optional<String> refusal() {
      return refused.isEmpty() ? Optional.empty()
          : Optional.of("NotAllowedError: " + String.join(", ", refused.stream().map(ProcessingError::message).toList()));
    }
  }

  /** Receives a location's entities a file at a time, with the ref of the entity that led to them. */
  @FunctionalInterface
  public interface EntitySink {
    void accept(String parentRef, List<ObjectNode> entities);
  }

  /** Processes {@code root} and collects its entities, for previews (dry runs). */
  public Result process(LocationSpec root) {
    List<ObjectNode> entities = new ArrayList<>();
    Result result = process(root, (parent, batch) -> entities.addAll(batch));
    return new Result(result.origin(), entities, result.errors(), result.retained(), result.refused(), result.complete(), result.unreadable());
  }

  /** Processes {@code root}, handing its entities to {@code sink} a file at a time; the result holds no entities. */
  public Result process(LocationSpec root, EntitySink sink) {
    Run run = new Run(canonical(root), sink);
    ObjectNode generated = generatedLocation(run.origin);
    linkToSource((ObjectNode) generated.get("metadata"), run.origin);
    sink.accept(null, List.of(generated));
    boolean complete = run.visit(run.origin, run.originRef, 0);
    // A ref another document declares acceptably (of a spec.type the rules allow) is not refused.
    List<ProcessingError> refused = run.refused.stream()
        .filter(error -> !run.declared.contains(error.entityRef()) && !run.retained.contains(error.entityRef())).toList();
    return new Result(run.origin, List.of(), List.copyOf(run.errors), Set.copyOf(run.retained), refused, complete,
        Optional.ofNullable(run.unreadable));
  }

  /** One location's processing: where it started, what it has seen, emitted and met. */
  private final class Run {
    final LocationSpec origin;
    final EntitySink sink;
    final Set<String> seen = new HashSet<>();
    final List<ProcessingError> errors = new ArrayList<>();
    final Set<String> retained = new HashSet<>();
    final List<ProcessingError> refused = new ArrayList<>();
    final Set<String> declared = new HashSet<>();
    final String originRef;
    String unreadable;

    Run(LocationSpec origin, EntitySink sink) {
      this.origin = origin;
      this.sink = sink;
      this.originRef = generatedRef(origin);
    }

    boolean visit(LocationSpec location, String parentRef, int depth) {
      if (!seen.add(location.key())) {
        return true;
      }
      if (depth > MAX_DEPTH) {
        errors.add(new ProcessingError(originRef, location.key() + ": Location entities nest deeper than " + MAX_DEPTH + " levels"));
        return false;
      }
      LocationReader reader = reader(location);
      List<ObjectNode> documents;
      try {
        documents = EntityDocuments.parse(reader.read(location.type(), location.target()), location.key());
      } catch (IOException | RuntimeException e) {
        String message = e instanceof InvalidEntityException ? e.getMessage() : location.key() + ": cannot be read: " + e.getMessage();
        errors.add(new ProcessingError(originRef, message));
        if (depth == 0) {
          unreadable = unreadable(location, e);
        }
        return false;
      }
      List<ObjectNode> valid = new ArrayList<>();
      for (ObjectNode entity : documents) {
        if (refusedByRules(entity, location, parentRef)) {
          continue;
        }
        List<String> problems;
        try {
          Placeholders.resolve(entity, location, placeholders);
          annotate(entity, location, origin);
          if (entity.get("metadata") instanceof ObjectNode metadata) {
            linkToSource(metadata, location);
          }
          problems = EntityValidator.validate(entity);
          if (problems.isEmpty() && pointsAtLocalFiles(entity, location)) {
            problems = List.of("spec.type: a Location read from a " + location.type() + " location cannot point at files on "
                + "the catalog's own disk; file locations come from config only");
          }
        } catch (InvalidEntityException e) {
          problems = List.of(e.getMessage());
        }
        if (problems.isEmpty()) {
          valid.add(entity);
          declared.add(EntityRef.of(entity).toString());
        } else {
          failed(entity, location.key() + ": " + describe(entity) + ": " + String.join("; ", problems));
        }
      }
      sink.accept(parentRef, valid);
      boolean complete = true;
      for (ObjectNode entity : valid) {
        if (entity.path("kind").asText().equalsIgnoreCase("location")) {
          for (LocationSpec target : targets(entity, location, reader)) {
            complete &= visit(target, EntityRef.of(entity).toString(), depth + 1);
          }
        }
      }
      return complete;
    }

    /**
     * Whether the rules keep {@code entity} out, as Backstage checks what a location emits against
     * the location it originated at; the error is shown on {@code parentRef}, the Location that led
     * here. An entity without a usable kind or name is left to validation, which refuses it too.
     */
    private boolean refusedByRules(ObjectNode entity, LocationSpec location, String parentRef) {
      String ref = declaredRef(entity);
      if (ref == null || rules.allows(entity, origin)) {
        return false;
      }
      String message = "Entity " + ref + " at " + location.key() + ", originated at " + origin.key() + ", is not of an allowed kind for that location";
      errors.add(new ProcessingError(parentRef, message));
      refused.add(new ProcessingError(ref, message));
      return true;
    }

    /** An entity that is still declared but failed: its stored version stays, with the error. */
    private void failed(ObjectNode entity, String message) {
      String ref = declaredRef(entity);
      if (ref != null) {
        retained.add(ref);
      }
      errors.add(new ProcessingError(ref != null ? ref : originRef, message));
    }
  }

  /**
   * Why {@code location} could not be read, as whoever asked may be told: the catalog's own refusal
   * or a file it could not parse, in full; a source's answer only as "could not be read", since a
   * missing repository and a private one would otherwise answer differently.
   */
  private static String unreadable(LocationSpec location, Exception e) {
    boolean shareable = e instanceof ReadingNotAllowed || e instanceof FileSizeLimit.TooLarge || e instanceof InvalidEntityException;
    return location.key() + " could not be read" + (shareable ? ": " + e.getMessage() : "");
  }

  /** The ref an entity declares, if its kind and name are usable enough to name one. */
  private static String declaredRef(ObjectNode entity) {
    boolean named = entity.path("kind").isTextual() && !entity.path("kind").asText().isBlank()
        && entity.path("metadata").path("name").isTextual() && !entity.path("metadata").path("name").asText().isBlank();
    return named ? EntityRef.of(entity).toString() : null;
  }

  private LocationReader reader(LocationSpec location) {
    return readers.stream()
        .filter(r -> r.accepts(location.type(), location.target()))
        .findFirst()
        .orElseThrow(() -> new InvalidEntityException("No reader can read locations of type '" + location.type() + "' at " + location.target()));
  }

  /** {@code relative} resolved against {@code base} by the reader of {@code base}. */
  public LocationSpec resolve(LocationSpec base, String relative) {
    return new LocationSpec(base.type(), reader(base).resolve(base.target(), relative));
  }

  /**
   * {@code filename} at the top of the repository or folder {@code location}: where a reader that
   * knows the repository puts it (GitHub: on its default branch), else resolved as a relative path.
   */
  public LocationSpec fileIn(LocationSpec location, String filename) throws IOException {
    for (LocationReader reader : readers) {
      Optional<String> file = reader.fileInRepository(location.target(), filename);
      if (file.isPresent()) {
        return new LocationSpec(location.type(), file.get());
      }
    }
    return resolve(new LocationSpec(location.type(), withoutTrailingSlashes(location.target()) + "/"), filename);
  }

  /**
   * {@code target} without the slashes it ends in. By hand, not {@code replaceAll("/*$", ...)}:
   * targets come from callers, and that pattern retries every run of slashes from each of its
   * positions, quadratic work.
   */
  static String withoutTrailingSlashes(String target) {
    int end = target.length();
    while (end > 0 && target.charAt(end - 1) == '/') {
      end--;
    }
    return target.substring(0, end);
  }

  /** The location as its entities' annotations name it (absolute paths for files). */
  public LocationSpec canonical(LocationSpec location) {
    LocationReader reader = reader(location);
    return reader instanceof FileLocationReader files ? new LocationSpec(location.type(), files.canonical(location.target())) : location;
  }

  /**
   * Whether {@code entity}, read from {@code parent}, is a Location of files: only the operator's
   * config may name paths on the catalog's disk, never a file someone registered by URL.
   */
  private static boolean pointsAtLocalFiles(JsonNode entity, LocationSpec parent) {
    return entity.path("kind").asText().equalsIgnoreCase("location") && !parent.type().equals("file")
        && entity.path("spec").path("type").asText(parent.type()).equals("file");
  }

  private List<LocationSpec> targets(JsonNode locationEntity, LocationSpec parent, LocationReader reader) {
    JsonNode spec = locationEntity.path("spec");
    String type = spec.path("type").asText(parent.type());
    List<String> raw = new ArrayList<>();
    if (spec.path("target").isTextual()) {
      raw.add(spec.get("target").asText());
    }
    spec.path("targets").forEach(t -> raw.add(t.asText()));
    List<LocationSpec> targets = new ArrayList<>();
    for (String target : raw) {
      String resolved = type.equals(parent.type()) ? reader.resolve(parent.target(), target) : target;
      targets.add(new LocationSpec(type, resolved));
    }
    return targets;
  }

  private static void annotate(ObjectNode entity, LocationSpec location, LocationSpec origin) {
    if (!(entity.get("metadata") instanceof ObjectNode metadata)) {
      return;
    }
    if (!metadata.has("namespace")) {
      metadata.put("namespace", EntityRef.DEFAULT_NAMESPACE);
    }
    ObjectNode annotations = metadata.get("annotations") instanceof ObjectNode existing ? existing : metadata.putObject("annotations");
    annotations.put(MANAGED_BY_LOCATION, location.key());
    annotations.put(MANAGED_BY_ORIGIN_LOCATION, origin.key());
  }

  /**
   * Backstage's links from an entity read at a {@code url} location to its source: {@code
   * view-url} (the location), and where the reader knows the source control, {@code edit-url} and
   * {@code source-location} (the file's folder). As in Backstage, an entity's own values win.
   */
  private void linkToSource(ObjectNode metadata, LocationSpec location) {
    if (!location.type().equals("url")) {
      return;
    }
    LocationReader reader = reader(location);
    ObjectNode annotations = metadata.get("annotations") instanceof ObjectNode existing ? existing : metadata.putObject("annotations");
    putIfAbsent(annotations, VIEW_URL, location.target());
    reader.editUrl(location.target()).ifPresent(url -> putIfAbsent(annotations, EDIT_URL, url));
    reader.sourceFolder(location.target()).ifPresent(folder -> putIfAbsent(annotations, SOURCE_LOCATION, "url:" + folder));
  }

  private static void putIfAbsent(ObjectNode annotations, String key, String value) {
    if (!annotations.has(key)) {
      annotations.put(key, value);
    }
  }

  /** The ref of the Location entity generated for {@code location}. */
  public static String generatedRef(LocationSpec location) {
    return EntityRef.of(generatedLocation(location)).toString();
  }

  /** The Location entity Backstage generates for a location that is registered or configured. */
  public static ObjectNode generatedLocation(LocationSpec location) {
    ObjectNode entity = JsonNodeFactory.instance.objectNode();
    entity.put("apiVersion", "backstage.io/v1alpha1");
    entity.put("kind", "Location");
    ObjectNode metadata = entity.putObject("metadata");
    metadata.put("name", "generated-" + sha1(location.key()));
    metadata.put("namespace", EntityRef.DEFAULT_NAMESPACE);
    ObjectNode annotations = metadata.putObject("annotations");
    annotations.put(MANAGED_BY_LOCATION, location.key());
    annotations.put(MANAGED_BY_ORIGIN_LOCATION, location.key());
    ObjectNode spec = entity.putObject("spec");
    spec.put("type", location.type());
    spec.put("target", location.target());
    return entity;
  }

  private static String describe(JsonNode entity) {
    return entity.path("kind").asText("?") + " '" + entity.path("metadata").path("name").asText("?") + "'";
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
