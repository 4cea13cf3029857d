package io.restock.service.streams;

import org.apache.kafka.streams.state.HostInfo;

/**
 * This instance's {@code application.server}: the {@code host:port} other instances reach its HTTP server at
 * when they forward a read. Configured per deployment; when it is not set, {@code 127.0.0.1:<http port>}, which
 * is right for instances on one machine only.
 */
public final class AdvertisedServer {

    private AdvertisedServer() {
    }

    /** {@code configured} when it is set (checked: {@code host:port}), else {@code 127.0.0.1:<httpPort>}. */
    public static String resolve(final String configured, final int httpPort) {
        if (configured == null || configured.isBlank()) {
            if (httpPort <= 0) {
                throw new IllegalArgumentException("no application server is configured and the HTTP port ("
                        + httpPort + ") is not fixed: set the advertised host:port");
            }
            return "127.0.0.1:" + httpPort;
        }
        final String trimmed = configured.trim();
        final HostInfo parsed = HostInfo.buildFromEndpoint(trimmed);
        if (parsed == null || parsed.port() <= 0) {
            throw new IllegalArgumentException("application server must be host:port, not '" + configured + "'");
        }
        return trimmed;
    }

    /** The {@link HostInfo} of a {@code host:port}; null for null or blank (no application server). */
    public static HostInfo hostInfo(final String server) {
        return server == null || server.isBlank() ? null : HostInfo.buildFromEndpoint(server.trim());
    }
}
