package io.restock.stack;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a started {@link Stack} is reachable.
 *
 * @param services each started service's base URL, e.g. {@code http://127.0.0.1:8080}
 * @param bootstrapServers Kafka's bootstrap servers, e.g. {@code 127.0.0.1:9092}
 * @param schemaRegistryUrl the registry's Confluent-compatible API (what Restock calls {@code SCHEMA_REGISTRY_URL})
 * @param logFiles each process's log file by process name ({@code kafka}, {@code schema-registry}, service ids)
 */
public record Endpoints(Map<Service, URI> services, String bootstrapServers, String schemaRegistryUrl,
                        Map<String, Path> logFiles) {

    public Endpoints {
        services = Map.copyOf(services);
        logFiles = Map.copyOf(logFiles);
    }

    /** A started service's base URL; fails for a service that was not started. */
    public URI service(final Service service) {
        final URI uri = services.get(service);
        if (uri == null) {
            throw new IllegalArgumentException(service.id() + " was not started");
        }
        return uri;
    }

    /** {@code <base>/health}. */
    public URI health(final Service service) {
        return service(service).resolve("/health");
    }

    /** {@code <base>/prometheus}. */
    public URI prometheus(final Service service) {
        return service(service).resolve("/prometheus");
    }
}
