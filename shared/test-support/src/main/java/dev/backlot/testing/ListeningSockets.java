package dev.backlot.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Where this machine accepts TCP connections, as the kernel reports it in {@code /proc/net/tcp}
 * and {@code tcp6} (Linux): what a test needs to tell a server that listens on loopback only from
 * one that listens on every interface ({@code 0.0.0.0} or {@code ::}).
 */
public final class ListeningSockets {
  private static final String LISTEN = "0A";

  private ListeningSockets() {}

  /** Whether the kernel's socket tables can be read here. */
  public static boolean readable() {
    return Files.isReadable(Path.of("/proc/net/tcp"));
  }

  /** The local addresses of the sockets listening on {@code port}; an IPv4-mapped IPv6 address comes back as IPv4. */
  public static List<InetAddress> on(int port) {
    List<InetAddress> addresses = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      List<String> lines;
      try {
        lines = Files.exists(Path.of(table)) ? Files.readAllLines(Path.of(table)) : List.of();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
        // sl local_address rem_address st …, the local address as <hex address>:<hex port>.
        String[] fields = line.trim().split("\\s+");
        String[] local = fields[1].split(":");
        if (fields[3].equals(LISTEN) && Integer.parseInt(local[1], 16) == port) {
          addresses.add(address(local[0]));
        }
      }
    }
    return addresses;
  }

  /** The kernel prints an address as 32-bit words, each in the machine's (little-endian) byte order. */
  private static InetAddress address(String hex) {
    byte[] printed = HexFormat.of().parseHex(hex);
    byte[] address = new byte[printed.length];
    for (int word = 0; word < printed.length; word += 4) {
      for (int i = 0; i < 4; i++) {
        address[word + i] = printed[word + 3 - i];
      }
    }
    try {
      return InetAddress.getByAddress(address);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(hex, e);
    }
  }
}
