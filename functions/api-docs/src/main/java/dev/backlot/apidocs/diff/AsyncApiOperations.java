package dev.backlot.apidocs.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An AsyncAPI document's channels and operations in one shape for 2.x and 3.x. In 2.x a channel's
 * {@code publish} is what clients send and {@code subscribe} what they receive; in 3.x an
 * operation's {@code send} is what the application sends (clients receive it) and {@code receive}
 * what clients send.
 */
final class AsyncApiOperations {
  record Channel(String name, String address, JsonNode bindings) {}

  record Message(String contentType, JsonNode payload, JsonNode headers, JsonNode kafkaKey) {}

  record Operation(String name, String action, String channel, Direction direction, Map<String, Message> messages) {
    String subject() {
      return action + " " + channel;
    }
  }

  private final LocalRefs refs;
  private final JsonNode document;
  private final boolean version3;
  private final String defaultContentType;

  AsyncApiOperations(LocalRefs refs) {
    this.refs = refs;
    this.document = refs.document();
    this.version3 = document.path("asyncapi").asText().startsWith("3");
    this.defaultContentType = document.path("defaultContentType").asText("application/json");
  }

  Map<String, Channel> channels() {
    Map<String, Channel> channels = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : document.path("channels").properties()) {
      JsonNode channel = refs.resolve(entry.getValue());
      String address = version3 ? channel.path("address").asText(entry.getKey()) : entry.getKey();
      channels.put(entry.getKey(), new Channel(entry.getKey(), address, refs.resolve(channel.path("bindings"))));
    }
    return channels;
  }

  /** Operations by name: {@code <channel> publish|subscribe} in 2.x, the operation's id in 3.x. */
  Map<String, Operation> operations(DiffBudget.Meter meter) {
    Map<String, Operation> operations = new LinkedHashMap<>();
    if (version3) {
      for (Map.Entry<String, JsonNode> entry : document.path("operations").properties()) {
        meter.spend(1);
        JsonNode operation = refs.resolve(entry.getValue());
        String action = operation.path("action").asText();
        String channelRef = LocalRefs.refOf(operation.path("channel"));
        String channel = channelRef == null ? "" : LocalRefs.nameOf(channelRef);
        Map<String, Message> messages = new LinkedHashMap<>();
        if (operation.has("messages")) {
          operation.get("messages").forEach(m -> putMessage(messages, m, "#" + (messages.size() + 1)));
        } else {
          refs.resolve(operation.path("channel")).path("messages").properties().forEach(m -> putMessage(messages, m.getValue(), m.getKey()));
        }
        Direction direction = action.equals("send") ? Direction.CLIENTS_RECEIVE : Direction.CLIENTS_SEND;
        operations.put(entry.getKey(), new Operation(entry.getKey(), action, channel, direction, messages));
      }
      return operations;
    }
    for (Map.Entry<String, JsonNode> entry : document.path("channels").properties()) {
      JsonNode channel = refs.resolve(entry.getValue());
      for (String action : new String[] {"publish", "subscribe"}) {
        if (!channel.has(action)) {
          continue;
        }
        meter.spend(1);
        JsonNode operation = refs.resolve(channel.get(action));
        Map<String, Message> messages = new LinkedHashMap<>();
        JsonNode message = refs.resolve(operation.path("message"));
        if (message.has("oneOf")) {
          message.get("oneOf").forEach(m -> putMessage(messages, m, "#" + (messages.size() + 1)));
        } else if (!message.isMissingNode()) {
          putMessage(messages, operation.get("message"), "#1");
        }
        Direction direction = action.equals("publish") ? Direction.CLIENTS_SEND : Direction.CLIENTS_RECEIVE;
        operations.put(entry.getKey() + " " + action, new Operation(entry.getKey() + " " + action, action, entry.getKey(), direction, messages));
      }
    }
    return operations;
  }

  /** A message keyed by its id, name or component name; {@code fallback} (its key or position) otherwise. */
  private void putMessage(Map<String, Message> messages, JsonNode raw, String fallback) {
    String ref = LocalRefs.refOf(raw);
    JsonNode message = refs.resolve(raw);
    String name = message.hasNonNull("messageId") ? message.get("messageId").asText()
        : message.hasNonNull("name") ? message.get("name").asText()
        : ref != null ? LocalRefs.nameOf(ref) : fallback;
    JsonNode payload = message.path("payload");
    if (payload.has("schema") && payload.has("schemaFormat")) {
      payload = payload.get("schema"); // 3.x multi-format schema object
    }
    JsonNode key = refs.resolve(message.path("bindings")).path("kafka").path("key");
    messages.putIfAbsent(name, new Message(message.path("contentType").asText(defaultContentType), payload,
        message.has("headers") ? message.get("headers") : MissingNode.getInstance(), key));
  }
}
