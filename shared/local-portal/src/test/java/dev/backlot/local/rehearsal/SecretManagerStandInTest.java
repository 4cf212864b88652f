package dev.backlot.local.rehearsal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.cloud.secretmanager.v1.AccessSecretVersionRequest;
import com.google.cloud.secretmanager.v1.SecretManagerServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Secret Manager's API, where only the accounts Terraform grants a secret may read it. */
class SecretManagerStandInTest {
  static final String GITHUB = "backlot-github@p.iam.gserviceaccount.com";
  static final String CATALOG = "backlot-catalog@p.iam.gserviceaccount.com";
  static final GoogleAccounts google = new GoogleAccounts();
  static SecretManagerStandIn secrets;
  static ManagedChannel channel;

  @BeforeAll
  static void start() throws Exception {
    secrets = new SecretManagerStandIn("p", Map.of("github-webhook-secret", List.of(GITHUB), "github-token", List.of(CATALOG)),
        Map.of("github-webhook-secret", "s3cret"), google);
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", secrets.port()).usePlaintext().build();
  }

  @AfterAll
  static void stop() {
    channel.shutdownNow();
    secrets.close();
  }

  static String read(String accessToken, String name) {
    Metadata headers = new Metadata();
    if (accessToken != null) {
      headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + accessToken);
    }
    return SecretManagerServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
        .accessSecretVersion(AccessSecretVersionRequest.newBuilder().setName(name).build()).getPayload().getData().toStringUtf8();
  }

  static Status.Code refusal(String accessToken, String name) {
    return assertThrows(StatusRuntimeException.class, () -> read(accessToken, name)).getStatus().getCode();
  }

  @Test
  void anAccountGrantedTheSecretReadsItsLatestVersion() {
    assertEquals("s3cret", read(google.accessToken(GITHUB), "projects/p/secrets/github-webhook-secret/versions/latest"));
  }

  @Test
  void anAccountNotGrantedTheSecretIsDeniedAsInGcp() {
    assertEquals(Status.Code.PERMISSION_DENIED, refusal(google.accessToken(CATALOG), "projects/p/secrets/github-webhook-secret/versions/latest"));
  }

  @Test
  void aSecretOfAnotherProjectIsDenied() {
    assertEquals(Status.Code.PERMISSION_DENIED, refusal(google.accessToken(GITHUB), "projects/other/secrets/github-webhook-secret/versions/latest"));
  }

  @Test
  void aDeclaredSecretWithoutAVersionIsNotFound() {
    assertEquals(Status.Code.NOT_FOUND, refusal(google.accessToken(CATALOG), "projects/p/secrets/github-token/versions/latest"));
  }

  @Test
  void aCallWithoutAnAccessTokenGoogleIssuedIsUnauthenticated() {
    assertEquals(Status.Code.UNAUTHENTICATED, refusal(null, "projects/p/secrets/github-webhook-secret/versions/latest"));
    assertEquals(Status.Code.UNAUTHENTICATED, refusal("ya29.made-up", "projects/p/secrets/github-webhook-secret/versions/latest"));
  }
}
