package dev.backlot.catalog.model;

/** A directed relation between two entities, as Backstage stores it: by canonical refs. */
public record Relation(String sourceRef, String type, String targetRef) {}
