package dev.backlot.proxy.forwarding;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which addresses a proxy target may have. The metadata server is never a target: it hands out
 * the function's own Google credentials. Loopback, private (RFC 1918), link-local, unique-local,
 * CGNAT and other non-public ranges are targets only for endpoints that set {@code internal: true},
 * so a target whose name someone else controls cannot be pointed at the function's own network.
 * IPv4 embedded in IPv6 (mapped, compatible, NAT64, 6to4) is judged as the IPv4 it carries.
 */
public final class TargetAddresses {
  private static final Set<String> METADATA_NAMES = Set.of("metadata.google.internal", "metadata.goog", "metadata");
  /** fd00:ec2::254, the metadata server of EC2's IPv6 networks. */
  private static final byte[] AWS_METADATA_V6 = {(byte) 0xfd, 0, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54};

  private TargetAddresses() {}

  /** Whether {@code host} names the metadata server (any case, with or without a trailing dot). */
  public static boolean isMetadataServerName(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    return METADATA_NAMES.contains(name.endsWith(".") ? name.substring(0, name.length() - 1) : name);
  }

  /** Why a connection to {@code address} is refused, or empty when it is allowed. */
  public static Optional<String> refusal(InetAddress address, boolean internal) {
    byte[] bytes = address.getAddress();
    if (address instanceof Inet6Address) {
      if (Arrays.equals(bytes, AWS_METADATA_V6)) {
        return Optional.of("the metadata server");
      }
      Optional<InetAddress> embedded = embeddedIpv4(bytes);
      if (embedded.isPresent()) {
        return refusal(embedded.get(), internal);
      }
    } else if (isMetadataServer(bytes)) {
      return Optional.of("the metadata server");
    }
    if (internal) {
      return Optional.empty();
    }
    return nonPublicRange(address).map(range -> "a " + range + " address");
  }

  private static boolean isMetadataServer(byte[] v4) {
    return (v4[0] & 0xff) == 169 && (v4[1] & 0xff) == 254 && (v4[2] & 0xff) == 169 && (v4[3] & 0xff) == 254;
  }

  private static Optional<String> nonPublicRange(InetAddress address) {
    if (address.isLoopbackAddress()) {
      return Optional.of("loopback");
    }
    if (address.isAnyLocalAddress()) {
      return Optional.of("wildcard");
    }
    if (address.isLinkLocalAddress()) {
      return Optional.of("link-local");
    }
    if (address.isMulticastAddress()) {
      return Optional.of("multicast");
    }
    byte[] b = address.getAddress();
    int first = b[0] & 0xff;
    int second = b[1] & 0xff;
    if (address instanceof Inet4Address) {
      if (address.isSiteLocalAddress()) {
        return Optional.of("private");
      }
      if (first == 100 && second >= 64 && second < 128) {
        return Optional.of("CGNAT (shared)");
      }
      if (first == 0 || first >= 240 || first == 192 && second == 0 && (b[2] & 0xff) == 0 || first == 198 && (second == 18 || second == 19)) {
        return Optional.of("reserved");
      }
      return Optional.empty();
    }
    if ((first & 0xfe) == 0xfc) {
      return Optional.of("unique-local");
    }
    if (address.isSiteLocalAddress()) {
      return Optional.of("site-local");
    }
    return Optional.empty();
  }

  /** The IPv4 address an IPv6 one carries: IPv4-compatible ::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16. */
  private static Optional<InetAddress> embeddedIpv4(byte[] v6) {
    boolean compatible = allZero(v6, 0, 12) && !(allZero(v6, 12, 15) && (v6[15] == 0 || v6[15] == 1));
    boolean mapped = allZero(v6, 0, 10) && v6[10] == (byte) 0xff && v6[11] == (byte) 0xff;
    boolean nat64 = v6[0] == 0 && v6[1] == 0x64 && v6[2] == (byte) 0xff && v6[3] == (byte) 0x9b && allZero(v6, 4, 12);
    try {
      if (compatible || mapped || nat64) {
        return Optional.of(InetAddress.getByAddress(Arrays.copyOfRange(v6, 12, 16)));
      }
      if (v6[0] == 0x20 && v6[1] == 0x02) {
        return Optional.of(InetAddress.getByAddress(Arrays.copyOfRange(v6, 2, 6)));
      }
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
    return Optional.empty();
  }

  private static boolean allZero(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
