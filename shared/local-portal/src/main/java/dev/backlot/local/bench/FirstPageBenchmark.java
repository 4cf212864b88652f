package dev.backlot.local.bench;

import dev.backlot.local.LocalPortal;
import dev.backlot.local.oidc.LocalOidcProvider;
import dev.backlot.local.oidc.LocalTls;
import dev.backlot.local.oidc.SampleUsers;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code ./backlot bench first-page}: from a cold portal to a signed-in person's first catalog
 * page. Each run starts the local portal (gateway and shell; each plugin a fresh JVM with its AOT
 * cache, started by its first request), asks for the shell's page from launch on, signs in as the
 * first sample user through the local OIDC provider's login form as a browser would (every
 * redirect followed), loads the page the shell serves and then the catalog page's first API call
 * through the shell, and stops everything. Measured twice: with the provider started by the portal
 * (everything local cold), and with the provider already running, as Okta is for a deployed portal.
 * One unmeasured run first trains the AOT caches and fills the catalog the later runs start with,
 * as a deployed catalog is.
 */
public final class FirstPageBenchmark {
  private static final String CATALOG_PAGE_QUERY = "/api/catalog/entities/by-query?filter=kind%3Dcomponent&limit=20"
      + "&orderField=metadata.name%2Casc";

  /** Milliseconds from launch to each step of one run. */
  record Run(long portalUp, long shellAnswered, long signedIn, long catalogPage) {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 1 && args[0].equals("--runs") ? Integer.parseInt(args[1]) : 5;
    Path root = Path.of("").toAbsolutePath();
    SampleUsers.User user = SampleUsers.from(root.resolve("examples/org/users.yaml")).users().stream().findFirst()
        .orElseThrow(() -> new IllegalStateException("no sample user with an email in examples/org/users.yaml"));
    once(root, user, null);
    List<Run> everythingCold = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      everythingCold.add(once(root, user, null));
    }
    List<Run> providerRunning = new ArrayList<>();
    LocalTls tls = LocalTls.in(root.resolve(".backlot/tls"));
    try (LocalOidcProvider provider = LocalOidcProvider.start(root, root.resolve(".backlot/oidc-bench"), tls, freePort())) {
      for (int i = 0; i < runs; i++) {
        providerRunning.add(once(root, user, provider));
      }
    }
    System.out.printf("First signed-in catalog page from cold: launch → portal up → signed in as %s → catalog API answered, "
        + "%d runs each after one warm-up%n", user.email(), runs);
    System.out.printf("Date %s · %d cores · Java %s%n%n", LocalDate.now(), Runtime.getRuntime().availableProcessors(), Runtime.version());
    table("everything cold, the local provider included", everythingCold);
    table("the identity provider already running (as Okta is), the rest cold", providerRunning);
  }

  private static void table(String title, List<Run> runs) {
    System.out.println(title + ":");
    System.out.println("| step (ms since launch) | median | min | max |");
    System.out.println("|---|---|---|---|");
    row("portal started (shell launched; plugins start on first call)", runs.stream().mapToLong(Run::portalUp).toArray());
    row("shell answered (redirect to sign-in)", runs.stream().mapToLong(Run::shellAnswered).toArray());
    row("signed in (back on the shell's page)", runs.stream().mapToLong(Run::signedIn).toArray());
    row("first catalog page's API call answered", runs.stream().mapToLong(Run::catalogPage).toArray());
    System.out.println();
  }

  private static Run once(Path root, SampleUsers.User user, LocalOidcProvider provider) throws Exception {
    LocalPortal.Options options = new LocalPortal.Options(root, LocalPortal.Options.LOOPBACK, freePort(), freePort(), freePort(), true);
    Browser browser = new Browser(LocalTls.in(root.resolve(".backlot/tls")).sslContext());
    String shell = "http://localhost:" + options.shellPort();
    long start = System.nanoTime();
    // The browser asks for the page from launch on, as a tab left open on the portal does, while
    // the portal is still reporting what it started.
    CompletableFuture<Started> starting = CompletableFuture.supplyAsync(() -> {
      try {
        return new Started(LocalPortal.start(options, new PrintStream(OutputStream.nullOutputStream()), provider), millisSince(start));
      } catch (Exception e) {
        throw new IllegalStateException("the portal did not start", e);
      }
    });
    try {
      HttpResponse<String> firstAnswer = untilShellAnswers(browser, URI.create(shell + "/"), starting);
      long shellAnswered = millisSince(start);
      HttpResponse<String> loginPage = browser.follow(firstAnswer, new ArrayList<>());
      String claims = "{\"email\":\"" + user.email() + "\",\"groups\":" + groups(user) + "}";
      HttpResponse<String> home = browser.follow(browser.postForm(loginPage.uri(), Map.of("username", user.email(), "claims", claims),
          Map.of()), new ArrayList<>());
      expect(200, home, "signing in");
      long signedIn = millisSince(start);
      expect(200, browser.send(java.net.http.HttpRequest.newBuilder(URI.create(shell + CATALOG_PAGE_QUERY))
          .header("Accept", "application/json").build()), "the catalog page's query");
      long catalogPage = millisSince(start);
      return new Run(starting.join().millis(), shellAnswered, signedIn, catalogPage);
    } finally {
      starting.join().portal().close();
    }
  }

  /** A portal and the milliseconds from launch until {@link LocalPortal#start} returned it. */
  private record Started(LocalPortal portal, long millis) {}

  /** The shell's first answer to a page load, asked for while its JVM starts. */
  private static HttpResponse<String> untilShellAnswers(Browser browser, URI page, CompletableFuture<Started> starting) throws Exception {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (true) {
      try {
        return browser.get(page);
      } catch (IOException notYet) {
        if (starting.isCompletedExceptionally()) {
          starting.join();
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the shell did not answer within 120 s", notYet);
        }
        Thread.sleep(5);
      }
    }
  }

  private static void expect(int status, HttpResponse<String> response, String what) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(what + " answered " + response.statusCode() + " at " + response.uri() + ": " + response.body());
    }
  }

  private static String groups(SampleUsers.User user) {
    return user.groups().stream().map(group -> "\"" + group + "\"").collect(java.util.stream.Collectors.joining(",", "[", "]"));
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static void row(String label, long[] millis) {
    long[] sorted = millis.clone();
    Arrays.sort(sorted);
    System.out.printf("| %s | %d | %d | %d |%n", label, ColdStartBenchmark.percentile(sorted, 50), sorted[0], sorted[sorted.length - 1]);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
