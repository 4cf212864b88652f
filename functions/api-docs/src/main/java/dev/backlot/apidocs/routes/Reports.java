package dev.backlot.apidocs.routes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.apidocs.storage.VersionInfo;
import dev.backlot.apidocs.validation.DefinitionTooLargeException;
import dev.backlot.apidocs.validation.Problem;
import dev.backlot.apidocs.validation.Validation;
import dev.backlot.platform.http.HttpError;
import dev.backlot.platform.http.Json;
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
    ObjectNode node = Json.object();
    node.put("valid", validation.valid());
    node.put("format", validation.format().id());
    node.put("specVersion", validation.specVersion());
    node.put("title", validation.title());
    node.put("apiVersion", validation.apiVersion());
    node.set("errors", problems(validation.errors()));
    node.set("warnings", problems(validation.warnings()));
    if (validation.note() != null) {
      node.put("note", validation.note());
    }
    return node;
  }

  /** The report of a definition that could not even be read: no format, one error. */
  static ObjectNode unreadable(Problem problem) {
    ObjectNode node = Json.object();
    node.put("valid", false);
    node.putNull("format");
    node.set("errors", problems(List.of(problem)));
    node.set("warnings", Json.MAPPER.createArrayNode());
    return node;
  }

  private static ArrayNode problems(List<Problem> problems) {
    ArrayNode array = Json.MAPPER.createArrayNode();
    for (Problem problem : problems) {
      ObjectNode item = array.addObject().put("message", problem.message());
      if (problem.location() != null) {
        item.put("location", problem.location());
      }
    }
    return array;
  }

  /** A definition over a size limit is refused as the router refuses an oversized body. */
  static HttpError tooLarge(DefinitionTooLargeException e) {
    return new HttpError(413, "PayloadTooLargeError", e.getMessage(), e);
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
