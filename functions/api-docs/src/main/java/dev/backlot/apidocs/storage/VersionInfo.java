package dev.backlot.apidocs.storage;

import java.time.Instant;

/**
 * One stored version of an API definition, as the index keeps it.
 *
 * @param entityRef the API entity, {@code api:<namespace>/<name>}
 * @param version sha256 of the content (hex): the same content is always the same version
 * @param format {@code openapi}, {@code asyncapi} or {@code graphql}
 * @param specVersion e.g. {@code 3.0.3}; null for GraphQL
 * @param title {@code info.title}
 * @param apiVersion {@code info.version}
 * @param contentType how the raw content is served
 * @param source {@code catalog} or {@code upload:<caller>}
 * @param sizeBytes content length
 * @param errorCount validation errors when stored (invalid definitions are kept, marked)
 * @param warningCount validation warnings when stored
 * @param createdAt when this content was first stored
 * @param submittedAt when it was last submitted; the latest version has the greatest
 */
public record VersionInfo(
    String entityRef,
    String version,
    String format,
    String specVersion,
    String title,
    String apiVersion,
    String contentType,
    String source,
    long sizeBytes,
    int errorCount,
    int warningCount,
    Instant createdAt,
    Instant submittedAt) {}
