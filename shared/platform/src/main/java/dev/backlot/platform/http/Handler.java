package dev.backlot.platform.http;

/**
 * Handles one route. Returning a {@link Response} controls status, headers and body; any other
 * value is written as a 200 JSON body; {@code null} answers 204 No Content. Throw {@link
 * HttpError} for client errors.
 */
@FunctionalInterface
public interface Handler {
  Object handle(Request request) throws Exception;
}
