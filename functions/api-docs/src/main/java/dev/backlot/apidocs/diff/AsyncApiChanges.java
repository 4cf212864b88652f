package dev.backlot.apidocs.diff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.apidocs.diff.AsyncApiOperations.Channel;
import dev.backlot.apidocs.diff.AsyncApiOperations.Message;
import dev.backlot.apidocs.diff.AsyncApiOperations.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * AsyncAPI checks: removed channels and operations, message payloads, headers and Kafka keys with
 * the same schema rules as OpenAPI (in the direction their operation gives), and the channel
 * bindings that name where messages go (a Kafka topic, an AMQP exchange or queue...).
 */
final class AsyncApiChanges {
  /** Binding fields that name the destination itself: clients still using the old one get nothing. */
  private static final List<String> DESTINATIONS = List.of("/kafka/topic", "/amqp/is", "/amqp/exchange/name", "/amqp/queue/name",
      "/sqs/queue/name", "/sns/name", "/googlepubsub/topic", "/ibmmq/queue/objectName", "/ibmmq/topic/string", "/pulsar/namespace",
      "/anypointmq/destination", "/solace/destinations");

  private final DiffBudget.Meter meter;
  private final SchemaComparison schemas;
  private final AsyncApiOperations older;
  private final AsyncApiOperations newer;

  AsyncApiChanges(JsonNode olderDocument, JsonNode newerDocument, DiffBudget.Meter meter) {
    this.meter = meter;
    LocalRefs olderRefs = new LocalRefs(olderDocument);
    LocalRefs newerRefs = new LocalRefs(newerDocument);
    this.schemas = new SchemaComparison(olderRefs, newerRefs, meter);
    this.older = new AsyncApiOperations(olderRefs);
    this.newer = new AsyncApiOperations(newerRefs);
  }

  List<Change> changes() {
    List<Change> changes = new ArrayList<>();
    channels(older.channels(), newer.channels(), changes);
    operations(older.operations(meter), newer.operations(meter), changes);
    return changes;
  }

  private void channels(Map<String, Channel> before, Map<String, Channel> after, List<Change> changes) {
    for (Channel channel : before.values()) {
      Channel next = after.get(channel.name());
      Findings found = new Findings(meter.budget().maxFindings());
      if (next == null) {
        found.add("channel-removed", true, "", "channel removed");
        changes.add(Change.of("channel-removed", "channel", channel.name(), "channel " + channel.name(), found));
        continue;
      }
      if (!channel.address().equals(next.address())) {
        found.add("channel-address-changed", true, "address", "address changed from " + channel.address() + " to " + next.address());
      }
      bindings(channel.bindings(), next.bindings(), found);
      if (!found.list().isEmpty()) {
        changes.add(Change.of("channel-changed", "channel", channel.name(), "channel " + channel.name(), found));
      }
    }
    for (Channel channel : after.values()) {
      if (!before.containsKey(channel.name())) {
        Findings found = new Findings(meter.budget().maxFindings());
        found.add("channel-added", false, "", "channel added");
        changes.add(Change.of("channel-added", "channel", channel.name(), "channel " + channel.name(), found));
      }
    }
  }

  private static void bindings(JsonNode before, JsonNode after, Findings found) {
    if (Objects.equals(before, after)) {
      return;
    }
    boolean destinationChanged = false;
    for (String pointer : DESTINATIONS) {
      JsonNode was = before.at(pointer);
      JsonNode is = after.at(pointer);
      if (!was.equals(is)) {
        destinationChanged = true;
        String protocol = pointer.substring(1, pointer.indexOf('/', 1));
        found.add("channel-" + protocol + "-destination-changed", true, "bindings" + pointer.replace('/', '.'),
            "changed from " + text(was) + " to " + text(is));
      }
    }
    if (!destinationChanged) {
      found.add("channel-binding-changed", false, "bindings", "bindings changed (no destination among them)");
    }
  }

  private static String text(JsonNode value) {
    return value.isMissingNode() ? "none" : value.toString();
  }

  private void operations(Map<String, Operation> before, Map<String, Operation> after, List<Change> changes) {
    for (Operation operation : before.values()) {
      Operation next = after.get(operation.name());
      Findings found = new Findings(meter.budget().maxFindings());
      if (next == null) {
        found.add("operation-removed", true, "", "operation removed");
        changes.add(Change.of("operation-removed", operation.action(), operation.channel(), operation.subject(), found));
        continue;
      }
      if (!operation.action().equals(next.action())) {
        found.add("operation-action-changed", true, "", "action changed from " + operation.action() + " to " + next.action());
      } else if (!operation.channel().equals(next.channel())) {
        found.add("operation-channel-changed", true, "", "channel changed from " + operation.channel() + " to " + next.channel());
      } else {
        messages(operation, next, found);
      }
      if (!found.list().isEmpty()) {
        changes.add(Change.of("operation-changed", next.action(), next.channel(), next.subject(), found));
      }
    }
    for (Operation operation : after.values()) {
      if (!before.containsKey(operation.name())) {
        Findings found = new Findings(meter.budget().maxFindings());
        found.add("operation-added", false, "", "operation added");
        changes.add(Change.of("operation-added", operation.action(), operation.channel(), operation.subject(), found));
      }
    }
  }

  /** The messages an operation carries compare like oneOf alternatives in its direction. */
  private void messages(Operation before, Operation after, Findings found) {
    Direction direction = after.direction();
    boolean send = direction == Direction.CLIENTS_SEND;
    for (Map.Entry<String, Message> entry : before.messages().entrySet()) {
      String at = "message " + entry.getKey();
      Message next = after.messages().get(entry.getKey());
      if (next == null) {
        found.add("message-removed", send, at, send ? "message no longer accepted" : "message no longer sent");
        continue;
      }
      Message old = entry.getValue();
      if (!old.contentType().equals(next.contentType())) {
        found.add("message-content-type-changed", true, at, "content type changed from " + old.contentType() + " to " + next.contentType());
      }
      schemas.compare(old.payload(), next.payload(), SchemaContext.message("payload", direction), at + " payload", found);
      schemas.compare(old.headers(), next.headers(), SchemaContext.message("header", direction), at + " headers", found);
      schemas.compare(old.kafkaKey(), next.kafkaKey(), SchemaContext.message("key", direction), at + " kafka key", found);
    }
    after.messages().keySet().stream().filter(name -> !before.messages().containsKey(name))
        .forEach(name -> found.add("message-added", !send, "message " + name, send ? "message now accepted" : "message now also sent"));
  }
}
