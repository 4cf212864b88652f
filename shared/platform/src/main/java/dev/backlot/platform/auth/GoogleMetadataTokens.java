package dev.backlot.platform.auth;

import com.nimbusds.jwt.SignedJWT;
import dev.backlot.platform.http.SharedHttpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;

/**
 * Google-signed ID tokens for the function's own service account, from the metadata server every
 * Cloud Run instance has; {@link ReusedTokens} keeps each for most of its hour.
 */
final class GoogleMetadataTokens {
  static final String METADATA = "http://metadata.google.internal";
  private static final String IDENTITY = "/computeMetadata/v1/instance/service-accounts/default/identity?audience=";

  private final String metadataUrl;

  GoogleMetadataTokens(String metadataUrl) {
    this.metadataUrl = metadataUrl.endsWith("/") ? metadataUrl.substring(0, metadataUrl.length() - 1) : metadataUrl;
  }

  String tokenFor(String audience) {
    URI uri = URI.create(metadataUrl + IDENTITY + URLEncoder.encode(audience, StandardCharsets.UTF_8));
    try {
      HttpResponse<String> response = SharedHttpClient.get().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
          .header("Metadata-Flavor", "Google").build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IOException("HTTP " + response.statusCode() + " from the metadata server");
      }
      String token = response.body().trim();
      SignedJWT.parse(token);
      return token;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot get an ID token for " + audience + " from " + metadataUrl, e);
    } catch (ParseException e) {
      throw new IllegalStateException("the metadata server answered something that is not an ID token", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while getting an ID token", e);
    }
  }
}
