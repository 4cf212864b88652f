package dev.backlot.techdocs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlot.platform.config.Config;
import dev.backlot.techdocs.site.SiteStore;
import dev.backlot.techdocs.site.SiteStores;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Cloud Storage site store over HTTP, through Google's Java client, against the stand-in. */
class GcsStandInStoreTest {
  @Test
  void writesListsStreamsAndDeletesThroughTheJsonApi() throws Exception {
    try (GcsStandIn gcs = new GcsStandIn()) {
      SiteStore store = SiteStores.open(Config.of(Map.of("blobStore", Map.of("gcs", Map.of("bucket", "docs", "host", gcs.endpoint())))), "techdocs");
      byte[] big = new byte[5 * 1024 * 1024 + 3];
      new Random(7).nextBytes(big);
      store.write("default/component/x/big.bin", big, "application/octet-stream");
      store.write("default/component/x/index.html", "<h1>x</h1>".getBytes(), "text/html");
      assertEquals(List.of("techdocs/default/component/x/big.bin", "techdocs/default/component/x/index.html"), gcs.names("docs"));
      SiteStore.StoredFile file = store.find("default/component/x/big.bin").orElseThrow();
      assertEquals(big.length, file.size());
      try (InputStream in = file.open()) {
        assertArrayEquals(big, in.readAllBytes());
      }
      assertEquals(List.of("default/component/x/big.bin", "default/component/x/index.html"), store.list("default/component/x/"));
      store.write("default/component/x/index.html", "<h1>y</h1>".getBytes(), "text/html");
      assertNotEquals(file.etag(), store.find("default/component/x/index.html").orElseThrow().etag());
      store.delete("default/component/x/big.bin");
      assertTrue(store.find("default/component/x/big.bin").isEmpty());
    }
  }
}
