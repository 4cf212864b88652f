package dev.backlot.platform.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.secretmanager.v1.AccessSecretVersionRequest;
import com.google.cloud.secretmanager.v1.AccessSecretVersionResponse;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretManagerServiceGrpc;
import com.google.cloud.secretmanager.v1.SecretManagerServiceSettings;
import com.google.cloud.secretmanager.v1.SecretPayload;
import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real Secret Manager client against an in-process gRPC server implementing the service. */
class SecretManagerSecretSourceTest {
  /** Serves {@code projects/acme-prod/secrets/<id>/versions/<v>} from a fixed map. */
  static final class FakeSecretManager extends SecretManagerServiceGrpc.SecretManagerServiceImplBase {
    final List<String> requested = new CopyOnWriteArrayList<>();
    final Map<String, String> secrets = Map.of(
        "projects/acme-prod/secrets/github-webhook-secret/versions/latest", "whsec-123",
        "projects/acme-prod/secrets/okta-client-secret/versions/2", "okta-v2");

    @Override
    public void accessSecretVersion(AccessSecretVersionRequest request, StreamObserver<AccessSecretVersionResponse> response) {
      requested.add(request.getName());
      String value = secrets.get(request.getName());
      if (request.getName().contains("forbidden")) {
        response.onError(Status.PERMISSION_DENIED.withDescription("caller lacks secretAccessor").asRuntimeException());
      } else if (value == null) {
        response.onError(Status.NOT_FOUND.withDescription("Secret [" + request.getName() + "] not found").asRuntimeException());
      } else {
        response.onNext(AccessSecretVersionResponse.newBuilder()
            .setName(request.getName())
            .setPayload(SecretPayload.newBuilder().setData(ByteString.copyFromUtf8(value)))
            .build());
        response.onCompleted();
      }
    }
  }

  @TempDir Path dir;
  private final FakeSecretManager service = new FakeSecretManager();
  private Server server;
  private ManagedChannel channel;
  private SecretManagerSecretSource source;

  @BeforeEach
  void start() throws IOException {
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).directExecutor().addService(service).build().start();
    channel = InProcessChannelBuilder.forName(name).usePlaintext().directExecutor().build();
    source = new SecretManagerSecretSource("acme-prod", () -> {
      try {
        return SecretManagerServiceClient.create(SecretManagerServiceSettings.newBuilder()
            .setTransportChannelProvider(FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel)))
            .setCredentialsProvider(NoCredentialsProvider.create())
            .build());
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    });
  }

  @AfterEach
  void stop() {
    source.close();
    channel.shutdownNow();
    server.shutdownNow();
  }

  private Config load(String yaml) throws IOException {
    Files.writeString(dir.resolve("app-config.yaml"), yaml);
    return ConfigLoader.fromEnvironment().directory(dir).env("test").environment(Map.<String, String>of()::get).secrets(source).load();
  }

  @Test
  void secretReferencesResolveThroughSecretManagerOnceEach() throws IOException {
    Config config = load("""
        github:
          webhookSecret: {$secret: github-webhook-secret}
          again: {$secret: github-webhook-secret}
        auth:
          okta: {$secret: {name: okta-client-secret, version: "2"}}
        """);
    assertEquals("whsec-123", config.getString("github.webhookSecret"));
    assertEquals("whsec-123", config.getString("github.again"));
    assertEquals("okta-v2", config.getString("auth.okta"));
    assertEquals(List.of(
        "projects/acme-prod/secrets/github-webhook-secret/versions/latest",
        "projects/acme-prod/secrets/okta-client-secret/versions/2"), service.requested);
  }

  @Test
  void aMissingSecretNamesTheSecretAndTheKey() {
    ConfigException e = assertThrows(ConfigException.class, () -> load("db:\n  password: {$secret: no-such-secret}\n"));
    assertTrue(e.getMessage().contains("no-such-secret") && e.getMessage().contains("db.password"), e.getMessage());
  }

  @Test
  void permissionDeniedIsReportedNotHidden() {
    ConfigException e = assertThrows(ConfigException.class, () -> load("x: {$secret: forbidden-one}\n"));
    assertTrue(e.getMessage().contains("PERMISSION_DENIED") && e.getMessage().contains("forbidden-one"), e.getMessage());
  }

  @Test
  void noClientIsCreatedWhenConfigHasNoSecrets() throws IOException {
    SecretManagerSecretSource neverUsed = new SecretManagerSecretSource("acme-prod", () -> {
      throw new AssertionError("the client must not be created");
    });
    Files.writeString(dir.resolve("app-config.yaml"), "plain: value\n");
    Config config = ConfigLoader.fromEnvironment().directory(dir).env("test").environment(Map.<String, String>of()::get)
        .secrets(neverUsed).load();
    assertEquals("value", config.getString("plain"));
  }
}
