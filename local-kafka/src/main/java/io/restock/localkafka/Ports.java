package io.restock.localkafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback port checks shared by the broker and the registry. */
public final class Ports {

    /** Every local service listens on this address only. */
    public static final String HOST = "127.0.0.1";

    private Ports() {
    }

    /** A port that was free on {@link #HOST} a moment ago (the OS picks it). */
    public static int pickFree() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot find a free port on " + HOST, e);
        }
    }

    /** {@code port} itself, or a free one when it is 0. */
    public static int resolve(final int port) {
        return port == 0 ? pickFree() : port;
    }

    /** True when nothing listens on {@code HOST:port}, checked by binding it briefly. */
    public static boolean isFree(final int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port), 1);
            return true;
        } catch (final IOException e) {
            return false;
        }
    }

    /**
     * Fails with {@link PortInUseException} when {@code port} is taken.
     *
     * @param hint what the user should check, e.g. "is another Kafka running?"
     * @param option the launcher option that changes this port, e.g. "--port"
     */
    public static void requireFree(final int port, final String hint, final String option) {
        if (!isFree(port)) {
            throw new PortInUseException("port " + port + " on " + HOST + " is already in use: " + hint
                    + " choose another with " + option);
        }
    }

    /** A port needed by a local service is already taken. */
    public static final class PortInUseException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        PortInUseException(final String message) {
            super(message);
        }
    }
}
