package dev.backlot.local.rehearsal;

import com.google.cloud.secretmanager.v1.AccessSecretVersionRequest;
import com.google.cloud.secretmanager.v1.AccessSecretVersionResponse;
import com.google.cloud.secretmanager.v1.SecretManagerServiceGrpc;
import com.google.cloud.secretmanager.v1.SecretPayload;
import com.google.cloud.secretmanager.v1.SecretVersionName;
import com.google.protobuf.ByteString;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Google Secret Manager as the rehearsal stands in for it: the real service's gRPC API (the
 * platform's SecretManagerSecretSource calls it with Google's own client, through the caller's
 * {@link EgressProxy}), holding a value for some of the secrets Terraform declares. As in GCP, only
 * the accounts Terraform grants secretAccessor on a secret may read it: the caller is whoever its
 * OAuth access token (from its metadata server) belongs to. A declared secret without a value is
 * NOT_FOUND, as one without a version is.
 */
final class SecretManagerStandIn implements AutoCloseable {
  private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final Context.Key<String> CALLER = Context.key("caller");

  private final String project;
  private final Map<String, List<String>> accessors;
  private final Map<String, String> values;
  private final GoogleAccounts accounts;
  private final Server server;

  /**
   * @param accessors secret id => the emails that may read it (Terraform's secret_accessors)
   * @param values secret id => its value, for the secrets that have one
   */
  SecretManagerStandIn(String project, Map<String, List<String>> accessors, Map<String, String> values, GoogleAccounts accounts)
      throws IOException {
    this.project = project;
    this.accessors = accessors;
    this.values = values;
    this.accounts = accounts;
    this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(ServerInterceptors.intercept(new Service(), this::identify))
        .build()
        .start();
  }

  int port() {
    return server.getPort();
  }

  private <Q, A> io.grpc.ServerCall.Listener<Q> identify(io.grpc.ServerCall<Q, A> call, Metadata headers,
      io.grpc.ServerCallHandler<Q, A> next) {
    String authorization = Optional.ofNullable(headers.get(AUTHORIZATION)).orElse("");
    Optional<String> caller = authorization.startsWith("Bearer ") ? accounts.ownerOf(authorization.substring(7)) : Optional.empty();
    if (caller.isEmpty()) {
      call.close(Status.UNAUTHENTICATED.withDescription("Request had invalid authentication credentials."), new Metadata());
      return new io.grpc.ServerCall.Listener<>() {};
    }
    return Contexts.interceptCall(Context.current().withValue(CALLER, caller.get()), call, headers, next);
  }

  private final class Service extends SecretManagerServiceGrpc.SecretManagerServiceImplBase {
    @Override
    public void accessSecretVersion(AccessSecretVersionRequest request, StreamObserver<AccessSecretVersionResponse> response) {
      String caller = CALLER.get();
      if (!SecretVersionName.isParsableFrom(request.getName())) {
        response.onError(Status.INVALID_ARGUMENT.withDescription("Invalid resource field value in the request.").asRuntimeException());
        return;
      }
      SecretVersionName name = SecretVersionName.parse(request.getName());
      boolean granted = name.getProject().equals(project) && accessors.getOrDefault(name.getSecret(), List.of()).contains(caller);
      if (!granted) {
        response.onError(Status.PERMISSION_DENIED.withDescription("Permission 'secretmanager.versions.access' denied for resource '"
            + request.getName() + "' (or it may not exist). Caller: " + caller).asRuntimeException());
        return;
      }
      String value = values.get(name.getSecret());
      if (value == null || !name.getSecretVersion().equals("latest")) {
        response.onError(Status.NOT_FOUND.withDescription("Secret Version [" + request.getName() + "] not found.").asRuntimeException());
        return;
      }
      response.onNext(AccessSecretVersionResponse.newBuilder().setName(request.getName())
          .setPayload(SecretPayload.newBuilder().setData(ByteString.copyFromUtf8(value))).build());
      response.onCompleted();
    }
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
