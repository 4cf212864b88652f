package dev.backlot.apidocs.diff;

/**
 * Where a schema sits, which names the rules that fire in it: {@code request-parameter-…} at the
 * top of a parameter, {@code request-property-…} inside a request body, and so on.
 *
 * @param top the rule prefix at the schema's top
 * @param nested the rule prefix for properties and items inside it
 * @param direction which way its values travel
 */
record SchemaContext(String top, String nested, Direction direction) {
  static final SchemaContext REQUEST_PARAMETER = new SchemaContext("request-parameter", "request-parameter-property", Direction.CLIENTS_SEND);
  static final SchemaContext REQUEST_BODY = new SchemaContext("request-body", "request-property", Direction.CLIENTS_SEND);
  static final SchemaContext RESPONSE_BODY = new SchemaContext("response-body", "response-property", Direction.CLIENTS_RECEIVE);
  static final SchemaContext RESPONSE_HEADER = new SchemaContext("response-header", "response-header-property", Direction.CLIENTS_RECEIVE);

  /** Message payloads and headers (AsyncAPI): same rules, the direction their operation gives. */
  static SchemaContext message(String part, Direction direction) {
    return new SchemaContext("message-" + part, "message-" + part + "-property", direction);
  }

  String rule(boolean atTop, String check) {
    return (atTop ? top : nested) + "-" + check;
  }

  boolean clientsSend() {
    return direction == Direction.CLIENTS_SEND;
  }
}
