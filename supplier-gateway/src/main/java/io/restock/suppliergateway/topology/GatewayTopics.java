package io.restock.suppliergateway.topology;

import io.restock.schemas.topics.Codec;
import io.restock.schemas.topics.Topic;
import io.restock.schemas.topics.TopicSpec;

/**
 * supplier-gateway's private topics (they start with the application id, so they are not in the shared
 * catalogue {@code Topics}). Only supplier-gateway reads and writes them; ACLs should keep everyone else
 * out, because the supplier records carry webhook signing secrets.
 */
public final class GatewayTopics {

    /** The supplier registry, compacted. Key: supplier id. Value: JSON {@code Supplier}; null deletes. */
    public static final Topic<String, String> SUPPLIERS = new Topic<>("supplier-gateway.suppliers",
            Codec.string(), Codec.json(), TopicSpec.table(), "supplier registry (admin API), JSON");

    private GatewayTopics() {
    }
}
