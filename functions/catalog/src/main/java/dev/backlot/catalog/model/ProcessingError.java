package dev.backlot.catalog.model;

/**
 * A problem met while processing a location, kept until the next refresh of that location and
 * shown in the {@code status} of the entity it concerns: the entity itself when it could be
 * named, otherwise the Location entity generated for the location.
 */
public record ProcessingError(String entityRef, String message) {}
