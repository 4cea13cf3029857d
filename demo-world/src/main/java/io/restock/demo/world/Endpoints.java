package io.restock.demo.world;

import java.net.URI;

/**
 * Where the world finds a running Restock, and the ports of its own servers (the SMTP server that catches
 * customer emails, the webhook endpoint of the webhook supplier).
 */
public record Endpoints(String bootstrapServers, String schemaRegistryUrl, URI orderIntake, URI inventoryStream,
                        URI backorderProcessor, URI supplierGateway, int smtpPort, int webhookPort) {

    /** The services on their documented ports shifted by {@code offset}, Kafka and the registry as given. */
    public static Endpoints local(final String bootstrapServers, final String schemaRegistryUrl, final int offset,
                                  final int smtpPort, final int webhookPort) {
        return new Endpoints(bootstrapServers, schemaRegistryUrl, http(8080 + offset), http(8082 + offset),
                http(8083 + offset), http(8084 + offset), smtpPort, webhookPort);
    }

    private static URI http(final int port) {
        return URI.create("http://127.0.0.1:" + port);
    }
}
