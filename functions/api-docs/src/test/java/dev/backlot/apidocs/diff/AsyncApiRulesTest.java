package dev.backlot.apidocs.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlot.apidocs.Specs;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** AsyncAPI 2.x and 3.x: each rule with a before/after pair; the docs table is generated from them. */
class AsyncApiRulesTest {
  /** AsyncAPI 2.6 with a channel {@code orders} whose {@code action} carries one message of {@code payload}. */
  private static String v2(String action, String payload, String bindings) {
    return "asyncapi: 2.6.0\ninfo: {title: Orders, version: '1'}\nchannels:\n  orders:\n    bindings: " + bindings + "\n    " + action
        + ": {message: {messageId: orderPlaced, payload: " + payload + "}}\n";
  }

  private static String v2(String action, String payload) {
    return v2(action, payload, "{kafka: {topic: orders.v1}}");
  }

  /** AsyncAPI 3.0 with a channel {@code orders} and an operation {@code placeOrder} of {@code action}. */
  private static String v3(String action, String messages, String address) {
    return "asyncapi: 3.0.0\ninfo: {title: Orders, version: '1'}\nchannels:\n  orders:\n    address: " + address
        + "\n    messages: " + messages + "\noperations:\n  placeOrder:\n    action: " + action
        + "\n    channel: {$ref: '#/channels/orders'}\n";
  }

  private static final String PLACED = "{placed: {payload: {type: object, properties: {id: {type: string}, state: {type: string, enum: [new, paid]}}}}}";

  static Stream<RuleCase> cases() {
    String order = "{type: object, required: [id], properties: {id: {type: string}, total: {type: number}}}";
    return Stream.of(
        new RuleCase("channel-removed", true, "a channel removed", v2("subscribe", order), v2("subscribe", order).replace("orders:", "invoices:")),
        new RuleCase("channel-added", false, "a channel added", v2("subscribe", order).replace("orders:", "invoices:"),
            v2("subscribe", order).replace("channels:\n", "channels:\n  invoices: {subscribe: {message: {payload: {type: object}}}}\n")),
        new RuleCase("channel-address-changed", true, "a 3.x channel's address changed", v3("send", PLACED, "orders.v1"), v3("send", PLACED, "orders.v2")),
        new RuleCase("channel-kafka-destination-changed", true, "the Kafka topic changed (likewise AMQP, SQS, SNS, Pub/Sub... destinations)",
            v2("subscribe", order), v2("subscribe", order, "{kafka: {topic: orders.v2}}")),
        new RuleCase("channel-binding-changed", false, "a binding changed that names no destination",
            v2("subscribe", order, "{kafka: {topic: orders.v1, partitions: 3}}"), v2("subscribe", order, "{kafka: {topic: orders.v1, partitions: 6}}")),
        new RuleCase("operation-removed", true, "an operation removed", v2("subscribe", order),
            v2("subscribe", order).replace("    subscribe: ", "    x-gone: ")),
        new RuleCase("operation-added", false, "an operation added", v2("subscribe", order),
            v2("subscribe", order) + "    publish: {message: {payload: {type: object}}}\n"),
        new RuleCase("operation-action-changed", true, "a 3.x operation's action changed (send/receive)", v3("send", PLACED, "orders"), v3("receive", PLACED, "orders")),
        new RuleCase("message-removed", true, "a message clients send no longer accepted", v3("receive", PLACED, "orders"),
            v3("receive", "{other: {payload: {type: object}}}", "orders")),
        new RuleCase("message-added", true, "a message clients receive added (they meet a kind they do not know)",
            v3("send", PLACED, "orders"), v3("send", PLACED.replace("}}}}}", "}}}}, cancelled: {payload: {type: object}}}"), "orders")),
        new RuleCase("message-content-type-changed", true, "a message's content type changed", v2("subscribe", order),
            v2("subscribe", order).replace("messageId: orderPlaced,", "messageId: orderPlaced, contentType: application/avro,")),
        new RuleCase("message-payload-property-enum-value-added", true, "a value clients receive added to an enum",
            v3("send", PLACED, "orders"), v3("send", PLACED.replace("[new, paid]", "[new, paid, refunded]"), "orders")),
        new RuleCase("message-payload-property-removed", true, "a payload property clients receive removed", v2("subscribe", order),
            v2("subscribe", order.replace(", total: {type: number}", ""))),
        new RuleCase("new-required-message-payload-property", true, "a required property in what clients publish", v2("publish", order),
            v2("publish", order.replace("required: [id]", "required: [id, total]").replace("{id: {type: string}, total", "{id: {type: string}, currency: {type: string}, total")
                .replace("required: [id, total]", "required: [id, currency]"))),
        new RuleCase("message-payload-property-type-changed", true, "a payload property's type changed", v2("publish", order),
            v2("publish", order.replace("total: {type: number}", "total: {type: string}"))),
        new RuleCase("message-key-type-changed", true, "the Kafka message key's schema changed",
            v2("subscribe", order).replace("payload:", "bindings: {kafka: {key: {type: string}}}, payload:"),
            v2("subscribe", order).replace("payload:", "bindings: {kafka: {key: {type: [string, integer]}}}, payload:")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void ruleFires(RuleCase rule) {
    DiffReport report = Definitions.compare(rule.before(), rule.after());
    assertEquals("asyncapi", report.format());
    assertEquals(rule.breaking(), Definitions.finding(report, rule.rule()).breaking(), report.summary());
    if (rule.breaking()) {
      assertTrue(report.breaking(), report.summary());
    }
  }

  @Test
  void aPayloadPropertyAddedToWhatClientsReceiveIsCompatible() {
    String order = "{type: object, properties: {id: {type: string}}}";
    DiffReport report = Definitions.compare(v2("subscribe", order), v2("subscribe", order.replace("}}}", "}, note: {type: string}}}")));
    assertFalse(report.breaking(), report.summary());
    assertEquals("orders subscribe", report.changes().get(0).path() + " " + report.changes().get(0).method());
  }

  @Test
  void theStreetlightsSampleHasNoChangesAgainstItself() {
    String streetlights = Specs.text("streetlights-asyncapi.yaml");
    assertEquals("no_changes", Definitions.compare(streetlights, streetlights).result());
  }

  @Test
  void theRulesTableInTheDocsIsCurrent() throws IOException {
    RuleCase.assertDocumented("asyncapi-rules", "AsyncApiRulesTest", cases());
  }
}
