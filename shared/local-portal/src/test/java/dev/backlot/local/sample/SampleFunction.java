package dev.backlot.local.sample;

import dev.backlot.platform.http.Access;
import dev.backlot.platform.BacklotFunction;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.http.Response;
import dev.backlot.platform.http.Router;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

/** A plugin the portal tests run as a real process: its routes echo what reached them. */
public final class SampleFunction extends BacklotFunction {
  private final java.util.concurrent.atomic.AtomicInteger ticks = new java.util.concurrent.atomic.AtomicInteger();

  @Override
  protected void routes(Router router, Plugin plugin) {
    router.post("/tick", Access.SIGNED_IN, req -> Map.of("ticks", ticks.incrementAndGet()));
    router.get("/ticks", Access.SIGNED_IN, req -> Map.of("ticks", ticks.get()));
    router.get("/things", Access.SIGNED_IN, req -> {
      try (Connection c = plugin.database().connection(); Statement s = c.createStatement();
          ResultSet rows = s.executeQuery("SELECT name FROM things")) {
        rows.next();
        return Map.of("plugin", plugin.manifest().id(), "thing", rows.getString(1));
      }
    });
    router.post("/echo", Access.SIGNED_IN, 64 * 1024 * 1024, req -> Map.of(
        "path", req.path(),
        "query", req.queryAll("q"),
        "header", req.header("X-Sample").orElse(""),
        "forwardedFor", req.header("X-Forwarded-For").orElse(""),
        "size", req.body().length));
    router.get("/big", Access.SIGNED_IN, req -> Response.stream(200, "application/octet-stream", out -> {
      byte[] chunk = new byte[64 * 1024];
      for (int i = 0; i < 320; i++) {
        java.util.Arrays.fill(chunk, (byte) i);
        out.write(chunk);
      }
    }));
  }
}
