package dev.backlot.catalog.ingestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.backlot.catalog.ingestion.rules.CatalogRules;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.config.ConfigException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack: a catalog file (or a placeholder's target) far larger than any catalog needs, a
 * gigabyte, served without end or declared by its length, to run the function out of memory before
 * it refuses. Every reader stops at {@code catalog.maxFileBytes} and says how large the file is.
 */
class FileSizeLimitTest {
  private static final long GIGABYTE = 1L << 30;
  private static final int LIMIT = 64 * 1024;
  private static final byte[] LINE = "# a comment that pads the file out\n".getBytes();

  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void aGigabyteFileIsRefusedByItsSizeBeforeItIsRead(@TempDir Path dir) throws IOException {
    Path huge = dir.resolve("catalog-info.yaml");
    try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
      file.setLength(GIGABYTE);
    }
    Config config = Config.of(Map.of("catalog", Map.of("locations", List.of(Map.of("type", "file", "target", "catalog-info.yaml")))));

    LocationProcessor.Result result = new LocationProcessor(List.of(FileLocationReader.fromConfig(config, dir)), CatalogRules.defaults())
        .process(new LocationSpec("file", "catalog-info.yaml"));

    assertTrue(result.unreadable().isPresent());
    String error = result.errors().get(0).message();
    assertEquals(LocationProcessor.generatedRef(new LocationSpec("file", huge.toString())), result.errors().get(0).entityRef(),
        "the error is on the location's own entity");
    assertTrue(error.contains("is 1073741824 bytes (1024.0 MiB), over catalog.maxFileBytes: 10485760 bytes (10.0 MiB)"), error);
  }

  @Test
  void aBodyWithoutEndIsReadNoFurtherThanTheLimit() throws Exception {
    CompletableFuture<Long> served = serveAGigabyte(0); // chunked: no length to refuse by

    FileSizeLimit.TooLarge refused = assertThrows(FileSizeLimit.TooLarge.class, () -> urlReader().read("url", url()));

    assertEquals(url() + " is larger than catalog.maxFileBytes: 65536 bytes (64.0 KiB); reading stopped after 65537 bytes (64.0 KiB)",
        refused.getMessage());
    long written = served.get(30, TimeUnit.SECONDS);
    // Socket buffers hold a few MiB at most; a reader that read to the end would have taken the whole gigabyte.
    assertTrue(written < 64L * 1024 * 1024, "the server wrote " + written + " bytes before the reader hung up");
  }

  @Test
  void aDeclaredLengthOverTheLimitIsRefusedWithoutReadingTheBody() throws Exception {
    CompletableFuture<Long> served = serveAGigabyte(GIGABYTE);

    FileSizeLimit.TooLarge refused = assertThrows(FileSizeLimit.TooLarge.class, () -> urlReader().read("url", url()));

    assertEquals(url() + " is 1073741824 bytes (1024.0 MiB), over catalog.maxFileBytes: 65536 bytes (64.0 KiB)", refused.getMessage());
    assertTrue(served.get(30, TimeUnit.SECONDS) < 64L * 1024 * 1024);
  }

  @Test
  void aFileAtTheLimitIsRead(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("catalog-info.yaml");
    Files.write(file, "#".repeat(LIMIT - 1).concat("\n").getBytes());
    Config config = Config.of(Map.of("catalog", Map.of("maxFileBytes", LIMIT, "fileRoots", List.of(dir.toString()))));

    assertEquals(LIMIT, FileLocationReader.fromConfig(config, dir).read("file", file.toString()).length());
    Files.write(file, "\n".getBytes(), java.nio.file.StandardOpenOption.APPEND);
    FileSizeLimit.TooLarge refused = assertThrows(FileSizeLimit.TooLarge.class,
        () -> FileLocationReader.fromConfig(config, dir).read("file", file.toString()));
    assertTrue(refused.getMessage().endsWith(" is 65537 bytes (64.0 KiB), over catalog.maxFileBytes: 65536 bytes (64.0 KiB)"),
        refused.getMessage());
  }

  @Test
  void theLimitIsAPositiveNumberOfBytesUpToAGigabyte() {
    assertEquals(10L * 1024 * 1024, FileSizeLimit.fromConfig(Config.empty()).maxBytes());
    assertThrows(ConfigException.class, () -> FileSizeLimit.fromConfig(Config.of(Map.of("catalog", Map.of("maxFileBytes", 0)))));
    assertThrows(ConfigException.class, () -> FileSizeLimit.fromConfig(Config.of(Map.of("catalog", Map.of("maxFileBytes", GIGABYTE + 1)))));
  }

  /**
   * Serves a gigabyte of comments at {@link #url()}, {@code declaredLength} as its length (0:
   * chunked, none declared); completes with how many bytes it wrote before the reader hung up.
   */
  private CompletableFuture<Long> serveAGigabyte(long declaredLength) throws IOException {
    CompletableFuture<Long> served = new CompletableFuture<>();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/catalog-info.yaml", exchange -> {
      exchange.sendResponseHeaders(200, declaredLength);
      long written = 0;
      try (OutputStream body = exchange.getResponseBody()) {
        while (written < GIGABYTE) {
          body.write(LINE);
          written += LINE.length;
        }
      } catch (IOException readerHungUp) {
        // expected: the reader closed the connection without reading to the end
      } finally {
        served.complete(written);
      }
    });
    server.start();
    return served;
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/catalog-info.yaml";
  }

  private UrlLocationReader urlReader() {
    Config config = Config.of(Map.of(
        "backend", Map.of("reading", Map.of("allow", List.of(Map.of("host", "127.0.0.1:" + server.getAddress().getPort())))),
        "catalog", Map.of("maxFileBytes", LIMIT)));
    return new UrlLocationReader(ReadingAllowList.of(config), FileSizeLimit.fromConfig(config));
  }
}
