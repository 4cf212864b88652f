package dev.backlot.techdocs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.backlot.platform.http.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cloud Storage's JSON API on loopback, as much of it as techdocs-cli's googleGcs publisher (the
 * Node client, pointed here by STORAGE_EMULATOR_HOST) and Backlot's Java client use: bucket
 * metadata, listing by prefix, object metadata, media downloads (with ranges), simple, multipart
 * and resumable uploads, and deletes. Objects keep a generation that grows with every write.
 */
final class GcsStandIn implements AutoCloseable {
  record StoredObject(String bucket, String name, byte[] content, String contentType, long generation) {}

  private final HttpServer server;
  private final Map<String, StoredObject> objects = new ConcurrentSkipListMap<>();
  private final Map<String, String[]> resumable = new java.util.concurrent.ConcurrentHashMap<>();
  private final AtomicLong generations = new AtomicLong(1_700_000_000_000_000L);
  final List<String> requests = java.util.Collections.synchronizedList(new ArrayList<>());

  GcsStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      try {
        handle(exchange);
      } catch (RuntimeException e) {
        send(exchange, 500, Json.bytes(Map.of("error", Map.of("code", 500, "message", String.valueOf(e)))), "application/json");
      } finally {
        exchange.close();
      }
    });
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  Optional<StoredObject> object(String bucket, String name) {
    return Optional.ofNullable(objects.get(bucket + "/" + name));
  }

  List<String> names(String bucket) {
    return objects.values().stream().filter(o -> o.bucket().equals(bucket)).map(StoredObject::name).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    requests.add(method + " " + path);
    byte[] body = exchange.getRequestBody().readAllBytes();
    if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
      // Google's Java HTTP client compresses upload bodies.
      body = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body)).readAllBytes();
    }
    if (path.startsWith("/upload/storage/v1/b/")) {
      String bucket = decode(path.substring("/upload/storage/v1/b/".length()).split("/")[0]);
      upload(exchange, method, bucket, query, body);
      return;
    }
    boolean download = path.startsWith("/download/storage/v1/b/");
    String rest = path.substring(path.indexOf("/b/") + 3);
    String[] parts = rest.split("/o", 2);
    String bucket = decode(parts[0]);
    if (parts.length == 1) {
      send(exchange, 200, Json.bytes(Map.of("kind", "storage#bucket", "name", bucket, "id", bucket)), "application/json");
      return;
    }
    String objectPart = parts[1];
    if (objectPart.isEmpty() || objectPart.equals("/")) {
      String prefix = query.getOrDefault("prefix", "");
      List<Map<String, Object>> items = objects.values().stream()
          .filter(o -> o.bucket().equals(bucket) && o.name().startsWith(prefix)).map(GcsStandIn::resource).toList();
      send(exchange, 200, Json.bytes(Map.of("kind", "storage#objects", "items", items)), "application/json");
      return;
    }
    String name = decode(objectPart.substring(1));
    StoredObject object = objects.get(bucket + "/" + name);
    if (method.equals("DELETE")) {
      if (object == null) {
        notFound(exchange, name);
      } else {
        objects.remove(bucket + "/" + name);
        send(exchange, 204, null, null);
      }
      return;
    }
    if (object == null || (query.containsKey("generation") && Long.parseLong(query.get("generation")) != object.generation())) {
      notFound(exchange, name);
      return;
    }
    if (download || "media".equals(query.get("alt"))) {
      media(exchange, object);
    } else {
      send(exchange, 200, Json.bytes(resource(object)), "application/json");
    }
  }

  private void media(HttpExchange exchange, StoredObject object) throws IOException {
    byte[] content = object.content();
    String range = exchange.getRequestHeaders().getFirst("Range");
    exchange.getResponseHeaders().add("x-goog-generation", Long.toString(object.generation()));
    exchange.getResponseHeaders().add("Content-Type", object.contentType());
    if (range != null && range.startsWith("bytes=")) {
      String[] bounds = range.substring("bytes=".length()).split("-", -1);
      int from = Integer.parseInt(bounds[0]);
      int to = bounds.length > 1 && !bounds[1].isEmpty() ? Math.min(Integer.parseInt(bounds[1]), content.length - 1) : content.length - 1;
      if (from >= content.length) {
        exchange.sendResponseHeaders(416, -1);
        return;
      }
      exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + to + "/" + content.length);
      byte[] slice = Arrays.copyOfRange(content, from, to + 1);
      exchange.sendResponseHeaders(206, slice.length);
      exchange.getResponseBody().write(slice);
      return;
    }
    exchange.sendResponseHeaders(200, content.length == 0 ? -1 : content.length);
    exchange.getResponseBody().write(content);
  }

  private void upload(HttpExchange exchange, String method, String bucket, Map<String, String> query, byte[] body) throws IOException {
    String type = query.getOrDefault("uploadType", "");
    String contentType = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("application/octet-stream");
    if (method.equals("PUT") && query.containsKey("upload_id")) {
      String[] pending = resumable.remove(query.get("upload_id"));
      if (pending == null) {
        notFound(exchange, "upload " + query.get("upload_id"));
        return;
      }
      send(exchange, 200, Json.bytes(resource(store(bucket, pending[0], body, pending[1]))), "application/json");
      return;
    }
    switch (type) {
      case "media" -> send(exchange, 200, Json.bytes(resource(store(bucket, query.get("name"), body, contentType))), "application/json");
      case "multipart" -> {
        List<byte[]> parts = multipart(contentType, body);
        Map<?, ?> metadata = Json.MAPPER.readValue(partBody(parts.get(0)), Map.class);
        String name = metadata.get("name") != null ? (String) metadata.get("name") : query.get("name");
        String objectType = metadata.get("contentType") != null ? (String) metadata.get("contentType") : partType(parts.get(1));
        send(exchange, 200, Json.bytes(resource(store(bucket, name, partBody(parts.get(1)), objectType))), "application/json");
      }
      case "resumable" -> {
        Map<?, ?> metadata = body.length == 0 ? Map.of() : Json.MAPPER.readValue(body, Map.class);
        String name = metadata.get("name") != null ? (String) metadata.get("name") : query.get("name");
        String objectType = metadata.get("contentType") != null ? (String) metadata.get("contentType")
            : Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Upload-Content-Type")).orElse("application/octet-stream");
        String id = Long.toString(generations.incrementAndGet());
        resumable.put(id, new String[] {name, objectType});
        exchange.getResponseHeaders().add("Location", endpoint() + "/upload/storage/v1/b/" + bucket + "/o?uploadType=resumable&upload_id=" + id);
        send(exchange, 200, new byte[0], "application/json");
      }
      default -> send(exchange, 400, Json.bytes(Map.of("error", Map.of("code", 400, "message", "unknown uploadType " + type))), "application/json");
    }
  }

  private StoredObject store(String bucket, String name, byte[] content, String contentType) {
    StoredObject object = new StoredObject(bucket, name, content, contentType, generations.incrementAndGet());
    objects.put(bucket + "/" + name, object);
    return object;
  }

  private static Map<String, Object> resource(StoredObject object) {
    Map<String, Object> resource = new LinkedHashMap<>();
    resource.put("kind", "storage#object");
    resource.put("id", object.bucket() + "/" + object.name() + "/" + object.generation());
    resource.put("name", object.name());
    resource.put("bucket", object.bucket());
    resource.put("generation", Long.toString(object.generation()));
    resource.put("metageneration", "1");
    resource.put("contentType", object.contentType());
    resource.put("size", Integer.toString(object.content().length));
    resource.put("md5Hash", md5(object.content()));
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(object.content());
    long value = crc.getValue();
    resource.put("crc32c", Base64.getEncoder().encodeToString(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value}));
    resource.put("etag", "CA" + object.generation());
    resource.put("timeCreated", "2026-12-07T00:00:00.000Z");
    resource.put("updated", "2026-12-07T00:00:00.000Z");
    return resource;
  }

  private static String md5(byte[] content) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(content));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The parts of a multipart/related body, each with its headers. */
  private static List<byte[]> multipart(String contentType, byte[] body) {
    String boundary = contentType.replaceAll("(?i).*boundary=\"?([^\";]+)\"?.*", "$1");
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    List<byte[]> parts = new ArrayList<>();
    int at = indexOf(body, delimiter, 0);
    while (at >= 0) {
      int start = at + delimiter.length;
      if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
        break;
      }
      start += 2; // CRLF after the delimiter
      int next = indexOf(body, delimiter, start);
      int end = next < 0 ? body.length : next - 2; // CRLF before the next delimiter
      parts.add(Arrays.copyOfRange(body, start, end));
      at = next;
    }
    return parts;
  }

  private static byte[] partBody(byte[] part) {
    int split = indexOf(part, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
    return Arrays.copyOfRange(part, split + 4, part.length);
  }

  private static String partType(byte[] part) {
    int split = indexOf(part, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
    for (String line : new String(part, 0, split, StandardCharsets.ISO_8859_1).split("\r\n")) {
      if (line.toLowerCase().startsWith("content-type:")) {
        return line.substring("content-type:".length()).strip();
      }
    }
    return "application/octet-stream";
  }

  private static int indexOf(byte[] data, byte[] pattern, int from) {
    outer:
    for (int i = from; i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new LinkedHashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        query.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
      }
    }
    return query;
  }

  private static String decode(String part) {
    return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static void notFound(HttpExchange exchange, String name) throws IOException {
    send(exchange, 404, Json.bytes(Map.of("error", Map.of("code", 404, "message", "No such object: " + name))), "application/json");
  }

  private static void send(HttpExchange exchange, int status, byte[] body, String contentType) throws IOException {
    if (contentType != null) {
      exchange.getResponseHeaders().add("Content-Type", contentType);
    }
    exchange.sendResponseHeaders(status, body == null || body.length == 0 ? -1 : body.length);
    if (body != null && body.length > 0) {
      exchange.getResponseBody().write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
