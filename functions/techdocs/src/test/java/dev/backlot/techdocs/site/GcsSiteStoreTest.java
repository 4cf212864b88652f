package dev.backlot.techdocs.site;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import java.io.InputStream;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Cloud Storage store against google-cloud-nio's in-memory storage service. */
class GcsSiteStoreTest {
  private final Storage storage = LocalStorageHelper.getOptions().getService();

  @Test
  void readsTheSitesBelowTheBucketRootPathAsTechdocsCliWritesThem() throws Exception {
    storage.create(BlobInfo.newBuilder(BlobId.of("docs", "techdocs/default/component/payments/index.html")).build(), "<h1>x</h1>".getBytes());
    storage.create(BlobInfo.newBuilder(BlobId.of("docs", "api-docs/secret.txt")).build(), "no".getBytes());
    GcsSiteStore store = new GcsSiteStore(storage, "docs", "/techdocs/");
    SiteStore.StoredFile file = store.find("default/component/payments/index.html").orElseThrow();
    assertEquals(10, file.size());
    try (InputStream in = file.open()) {
      assertEquals("<h1>x</h1>", new String(in.readAllBytes()));
    }
    assertEquals(List.of("default/component/payments/index.html"), store.list("default/component/payments/"));
    assertTrue(store.find("default/component/payments/missing.html").isEmpty());
  }

  @Test
  void largeFilesStreamInChunksAndAnOverwriteChangesTheEtag() throws Exception {
    GcsSiteStore store = new GcsSiteStore(storage, "docs", "techdocs");
    byte[] big = new byte[3 * GcsSiteStore.CHUNK_BYTES + 17];
    new Random(1).nextBytes(big);
    store.write("default/component/big/file.bin", big, "application/octet-stream");
    SiteStore.StoredFile first = store.find("default/component/big/file.bin").orElseThrow();
    try (InputStream in = first.open()) {
      assertArrayEquals(big, in.readAllBytes());
    }
    store.write("default/component/big/file.bin", new byte[] {1}, "application/octet-stream");
    assertNotEquals(first.etag(), store.find("default/component/big/file.bin").orElseThrow().etag());
  }
}
