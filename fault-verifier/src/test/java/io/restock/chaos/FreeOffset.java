package io.restock.chaos;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** A port offset at which Kafka, the registry, the services and the SMTP catcher are all free. */
final class FreeOffset {

    private static final List<Integer> PORTS = List.of(9092, 8081, 8080, 8082, 8083, 8084, 8085, 8086, 8025);

    private FreeOffset() {
    }

    static int find() {
        for (int attempt = 0; attempt < 50; attempt++) {
            final int offset = ThreadLocalRandom.current().nextInt(20_000, 50_000);
            if (PORTS.stream().allMatch(port -> free(port + offset))) {
                return offset;
            }
        }
        throw new IllegalStateException("no free port offset found");
    }

    private static boolean free(final int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (final IOException e) {
            return false;
        }
    }
}
