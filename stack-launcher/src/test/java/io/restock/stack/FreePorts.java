package io.restock.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/** Port offsets for tests that start a whole stack beside anything else running on the machine. */
final class FreePorts {

    private FreePorts() {
    }

    /**
     * An offset at which Kafka, the registry and every {@link Service}'s port are free, outside 18000-19999
     * (where the in-process test brokers listen) and below the kernel's ephemeral range: a port in that range can be
     * taken at any moment as the local port of some outgoing connection (a stack's own clients included), which
     * made a start fail with "port ... is already in use" between this check and the launch.
     */
    static int offset() {
        final int[] defaults = IntStream.concat(IntStream.of(Service.KAFKA_PORT, Service.REGISTRY_PORT),
                java.util.Arrays.stream(Service.values()).mapToInt(Service::defaultPort)).toArray();
        final int highest = IntStream.of(defaults).max().orElseThrow();
        final int lowest = IntStream.of(defaults).min().orElseThrow();
        final int from = 20_000 - lowest;
        final int until = ephemeralLow() - highest;
        if (until <= from) {
            throw new IllegalStateException("no port offset fits below the ephemeral range (from " + ephemeralLow()
                    + ", /proc/sys/net/ipv4/ip_local_port_range)");
        }
        for (int attempt = 0; attempt < 50; attempt++) {
            final int offset = ThreadLocalRandom.current().nextInt(from, until);
            if (IntStream.of(defaults).allMatch(port -> Launch.isFree(port + offset))) {
                return offset;
            }
        }
        throw new IllegalStateException("no free port offset found");
    }

    /** The first port of the kernel's ephemeral range (Linux's default 32768 where it cannot be read). */
    private static int ephemeralLow() {
        try {
            // one line, "<first>\t<last>" (Files.readString returned only its first byte on this JDK)
            return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).getFirst()
                    .trim().split("\\s+")[0]);
        } catch (final IOException | RuntimeException e) {
            return 32_768;
        }
    }
}
