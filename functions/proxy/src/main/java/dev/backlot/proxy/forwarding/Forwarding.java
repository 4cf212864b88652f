package dev.backlot.proxy.forwarding;

import dev.backlot.platform.http.HttpError;
import dev.backlot.platform.http.Request;
import dev.backlot.platform.http.Response;
import dev.backlot.proxy.endpoints.ProxyEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;

/**
 * Passes one request to an endpoint's target and its answer back, both bodies streamed: the
 * request body goes on as the client sends it (within the endpoint's {@code maxRequestBytes}) and
 * the answer's body is written to the client as it arrives. A 3xx is passed back as it is, its
 * {@code Location} untouched, and never followed. A target that cannot be reached is a 502, one
 * that does not answer in time a 504, one whose address is refused a 403; the errors name the
 * endpoint's route, never its target's headers.
 */
public final class Forwarding implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Forwarding.class.getName());

  private final ProxyEndpoint endpoint;
  private final TargetPath targetPath;
  private final ForwardedHeaders headers;
  private final TargetClient client;

  public Forwarding(ProxyEndpoint endpoint, String routePrefix) {
    this.endpoint = endpoint;
    this.targetPath = new TargetPath(endpoint, routePrefix);
    this.headers = new ForwardedHeaders(endpoint);
    this.client = new TargetClient(endpoint);
  }

  public Response forward(Request request) throws IOException {
    String url = request.url();
    int queryAt = url.indexOf('?');
    URI target = targetPath.of(request.path(), queryAt < 0 ? null : url.substring(queryAt + 1));
    BasicClassicHttpRequest outgoing = new BasicClassicHttpRequest(request.method(), target);
    headers.toTarget(request.headers()).forEach((name, values) -> values.forEach(value -> outgoing.addHeader(name, value)));
    if (hasBody(request)) {
      long length = request.header("Content-Length").map(Forwarding::length).orElse(-1L);
      ContentType type = request.header("Content-Type").map(ContentType::parseLenient).orElse(null);
      InputStream body = request.bodyStream();
      outgoing.setEntity(new StreamedBody(body, length, type));
    }
    ClassicHttpResponse answer = send(outgoing);
    return answerFrom(answer);
  }

  private ClassicHttpResponse send(BasicClassicHttpRequest outgoing) throws IOException {
    try {
      return client.open(outgoing);
    } catch (CheckedDnsResolver.RefusedTargetException e) {
      LOG.warning("Proxy route " + endpoint.route() + " refused its target: " + e.getMessage());
      throw new HttpError(403, "NotAllowedError", "Proxy target of " + endpoint.route() + " refused: " + e.getMessage());
    } catch (SocketTimeoutException e) {
      throw new HttpError(504, "GatewayTimeoutError", "Proxy target of " + endpoint.route() + " did not answer within "
          + endpoint.timeout().toMillis() + " ms");
    } catch (HttpError e) {
      throw e;
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Proxy route " + endpoint.route() + " could not reach its target", e);
      throw new HttpError(502, "BadGatewayError", "Proxy target of " + endpoint.route() + " could not be reached");
    }
  }

  private Response answerFrom(ClassicHttpResponse answer) {
    HttpEntity entity = answer.getEntity();
    Response response = Response.stream(answer.getCode(), entity == null ? null : entity.getContentType(), out -> {
      try (answer) {
        if (entity != null) {
          try (InputStream body = entity.getContent()) {
            Relay.copy(body, out);
          }
        }
      }
    });
    Map<String, List<String>> targetHeaders = new LinkedHashMap<>();
    for (Header header : answer.getHeaders()) {
      targetHeaders.computeIfAbsent(header.getName(), n -> new java.util.ArrayList<>()).add(header.getValue());
    }
    Response[] built = {response};
    headers.toCaller(targetHeaders, (name, value) -> built[0] = built[0].withHeader(name, value));
    return built[0];
  }

  private static long length(String header) {
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      throw HttpError.inputError("Content-Length is not a number");
    }
  }

  /** Whether the client sends a body: a length above zero, or chunks. */
  private static boolean hasBody(Request request) {
    return request.header("Content-Length").map(length -> !length.trim().equals("0")).orElse(false)
        || request.header("Transfer-Encoding").isPresent();
  }

  @Override
  public void close() throws IOException {
    client.close();
  }
}
