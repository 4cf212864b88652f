package dev.backlot.proxy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The test JVM's name resolution: names under {@code .test} (reserved, never in real DNS) answer
 * what a test sets, as a DNS server an attacker controls would; other names resolve as usual.
 * Installed through META-INF/services.
 */
public final class TestDns extends InetAddressResolverProvider {
  private static final Map<String, List<InetAddress>> ANSWERS = new ConcurrentHashMap<>();

  /** From now on {@code name} resolves to {@code addresses}. */
  static void answer(String name, String... addresses) throws UnknownHostException {
    ANSWERS.put(name, Stream.of(addresses).map(TestDns::literal).toList());
  }

  private static InetAddress literal(String address) {
    try {
      return InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(address, e);
    }
  }

  @Override
  public InetAddressResolver get(Configuration configuration) {
    InetAddressResolver builtin = configuration.builtinResolver();
    return new InetAddressResolver() {
      @Override
      public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
        List<InetAddress> answer = ANSWERS.get(host);
        if (answer != null) {
          return answer.stream();
        }
        if (host.endsWith(".test")) {
          throw new UnknownHostException(host + " has no answer set by the test");
        }
        return builtin.lookupByName(host, policy);
      }

      @Override
      public String lookupByAddress(byte[] addr) throws UnknownHostException {
        return builtin.lookupByAddress(addr);
      }
    };
  }

  @Override
  public String name() {
    return "backlot-test-dns";
  }
}
