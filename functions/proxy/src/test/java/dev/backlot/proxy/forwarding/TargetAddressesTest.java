package dev.backlot.proxy.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which addresses a target may connect to, with and without internal: true. */
class TargetAddressesTest {
  private static Optional<String> refusal(String address, boolean internal) throws Exception {
    return TargetAddresses.refusal(InetAddress.getByName(address), internal);
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "127.255.0.9", "::1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.0.1", "169.254.1.1",
      "fe80::1", "fc00::1", "fd12:3456::1", "100.64.0.1", "100.127.255.254", "0.0.0.0", "::", "224.0.0.1", "ff02::1", "240.0.0.1",
      "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::127.0.0.1", "64:ff9b::a00:1", "2002:a00:1::1", "198.18.0.1", "192.0.0.8"})
  void nonPublicAddressesAreRefusedUnlessInternal(String address) throws Exception {
    assertTrue(refusal(address, false).isPresent(), address);
    assertEquals(Optional.empty(), refusal(address, true), address);
  }

  @ParameterizedTest
  @ValueSource(strings = {"169.254.169.254", "fd00:ec2::254", "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe", "2002:a9fe:a9fe::1"})
  void theMetadataServerIsAlwaysRefused(String address) throws Exception {
    assertEquals(Optional.of("the metadata server"), refusal(address, true), address);
    assertEquals(Optional.of("the metadata server"), refusal(address, false), address);
  }

  @ParameterizedTest
  @ValueSource(strings = {"8.8.8.8", "203.0.113.7", "100.128.0.1", "172.32.0.1", "2606:4700::1111", "::ffff:8.8.8.8"})
  void publicAddressesAreAllowed(String address) throws Exception {
    assertEquals(Optional.empty(), refusal(address, false), address);
  }

  /** Forms some parsers read as 127.0.0.1: whatever Java makes of them, the address is checked after resolution. */
  @ParameterizedTest
  @ValueSource(strings = {"2130706433", "127.1", "[::ffff:127.0.0.1]"})
  void numericFormsAreCheckedAsTheAddressTheyResolveTo(String host) {
    assertThrows(CheckedDnsResolver.RefusedTargetException.class,
        () -> new CheckedDnsResolver(false).resolve(host.replace("[", "").replace("]", "")), host);
  }
}
