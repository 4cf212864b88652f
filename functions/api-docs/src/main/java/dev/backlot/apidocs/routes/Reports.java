package dev.backlot.apidocs.routes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.apidocs.storage.VersionInfo;
import dev.backlot.apidocs.validation.DefinitionTooLargeException;
import dev.backlot.apidocs.validation.Problem;
import dev.backlot.apidocs.validation.Validation;
import dev.backlot.apidocs.validation.ValidationJson;
import dev.backlot.platform.http.HttpError;
import dev.backlot.apidocs.validation.UnreadableDefinitionException;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.http.Request;
import dev.backlot.platform.http.Response;
import java.util.List;

/** The JSON shapes the routes answer with, in one place so every route writes them alike. */
final class Reports {
  private Reports() {}

  static ObjectNode version(VersionInfo info) {
    ObjectNode node = Json.object();
    node.put("entityRef", info.entityRef());
    node.put("version", info.version());
    node.put("format", info.format());
    node.put("specVersion", info.specVersion());
    node.put("title", info.title());
    node.put("apiVersion", info.apiVersion());
    node.put("contentType", info.contentType());
    node.put("source", info.source());
    node.put("size", info.sizeBytes());
    node.put("valid", info.errorCount() == 0);
    node.put("errorCount", info.errorCount());
    node.put("warningCount", info.warningCount());
    node.put("createdAt", info.createdAt().toString());
    node.put("submittedAt", info.submittedAt().toString());
    return node;
  }

  static ObjectNode validation(Validation validation) {
    return ValidationJson.write(validation);
  }

  /** The report of a version stored before reports were kept: its counts, and a note saying so. */
  static ObjectNode notKept(VersionInfo info) {
    ObjectNode node = Json.object();
    node.put("valid", info.errorCount() == 0);
    node.put("format", info.format());
    node.put("errorCount", info.errorCount());
    node.put("warningCount", info.warningCount());
    node.set("errors", Json.MAPPER.createArrayNode());
    node.set("warnings", Json.MAPPER.createArrayNode());
    node.put("note", "Stored before validation reports were kept; submit the definition again to see its errors and warnings");
    return node;
  }

  /** The report of a definition that could not even be read: no format, one error. */
  static ObjectNode unreadable(Problem problem) {
    ObjectNode node = Json.object();
    node.put("valid", false);
    node.putNull("format");
    node.set("errors", ValidationJson.problems(List.of(problem)));
    node.set("warnings", Json.MAPPER.createArrayNode());
    return node;
  }

  /** A definition over a size limit is refused as the router refuses an oversized body. */
  static HttpError tooLarge(DefinitionTooLargeException e) {
    return new HttpError(413, "PayloadTooLargeError", e.getMessage(), e);
  }

  /** A definition that cannot be read as its format: 400 with the one problem found. */
  static Response unreadable(Request request, UnreadableDefinitionException e) {
    return Response.json(400, invalid(request.method(), request.url(), "Definition is unreadable: " + e.getMessage(), unreadable(e.problem())));
  }

  /** A definition with validation errors, refused because the caller asked for {@code strict=true}. */
  static Response refused(Request request, Validation validation) {
    String first = validation.errors().get(0).message();
    return Response.json(400, invalid(request.method(), request.url(),
        "Definition is invalid (" + validation.errors().size() + " errors; first: " + first + ")", validation(validation)));
  }

  /** Backstage's error shape, with the validation report beside it for clients that want it. */
  static ObjectNode invalid(String method, String url, String message, ObjectNode validation) {
    ObjectNode body = Json.object();
    body.putObject("error").put("name", "InputError").put("message", message);
    body.putObject("request").put("method", method).put("url", url);
    body.putObject("response").put("statusCode", 400);
    body.set("validation", validation);
    return body;
  }
}
