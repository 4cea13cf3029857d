package io.restock.stack;

import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/** Port offsets for tests that start a whole stack beside anything else running on the machine. */
final class FreePorts {

    private FreePorts() {
    }

    /**
     * An offset at which Kafka, the registry and every {@link Service}'s port are free, outside 18000-19999
     * (where the in-process test brokers listen).
     */
    static int offset() {
        for (int attempt = 0; attempt < 50; attempt++) {
            final int offset = ThreadLocalRandom.current().nextInt(12_000, 50_000);
            final boolean free = IntStream.concat(IntStream.of(Service.KAFKA_PORT, Service.REGISTRY_PORT),
                            java.util.Arrays.stream(Service.values()).mapToInt(Service::defaultPort))
                    .map(port -> port + offset)
                    .allMatch(port -> (port < 18_000 || port > 19_999) && Launch.isFree(port));
            if (free) {
                return offset;
            }
        }
        throw new IllegalStateException("no free port offset found");
    }
}
