package dev.backlot.proxy.forwarding;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Resolves a target's host once and hands the client exactly the addresses it then connects to,
 * each checked by {@link TargetAddresses}: a name that resolves to a public address when the
 * endpoint is configured and to the metadata server a second later (DNS rebinding) is refused at
 * the connection. One refused address refuses the host, whatever the others are.
 */
final class CheckedDnsResolver implements DnsResolver {
  private final boolean internal;

  CheckedDnsResolver(boolean internal) {
    this.internal = internal;
  }

  @Override
  public InetAddress[] resolve(String host) throws UnknownHostException {
    if (TargetAddresses.isMetadataServerName(host)) {
      throw new RefusedTargetException(host + " is the metadata server");
    }
    InetAddress[] addresses = InetAddress.getAllByName(host);
    for (InetAddress address : addresses) {
      var refusal = TargetAddresses.refusal(address, internal);
      if (refusal.isPresent()) {
        throw new RefusedTargetException(host + " resolves to " + refusal.get()
            + (refusal.get().equals("the metadata server") ? "" : ", which is refused unless the endpoint sets internal: true"));
      }
    }
    return addresses;
  }

  @Override
  public String resolveCanonicalHostname(String host) throws UnknownHostException {
    return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
  }

  /** A target host whose addresses are refused; an {@link UnknownHostException} so the client gives up on it at once. */
  static final class RefusedTargetException extends UnknownHostException {
    RefusedTargetException(String message) {
      super(message);
    }
  }
}
