package dev.backlot.apidocs.validation;

/**
 * One finding about a definition.
 *
 * @param message what is wrong, as the parser said it
 * @param location where: a dotted path in the document ({@code paths./pets.get.responses}) or
 *     {@code line L, column C} for syntax errors; null when the parser named no place
 */
public record Problem(String message, String location) {}
