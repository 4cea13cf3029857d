package io.restock.streamstest;

import io.restock.kafkatest.TopologyDescriptions;
import io.restock.schemas.serde.EventSerdes;
import io.restock.schemas.streams.StreamsDefaults;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;

/**
 * The test that pins a streams service's topology: node names, stores and internal topics are part of the contract
 * with a running application (changing them loses state or strands records). A service's
 * {@code TopologyDescriptionTest} extends this with its application id, its pure {@code define(...)} and the names
 * it relies on. The topology is built as the service builds it, with Restock's invariants
 * ({@link StreamsDefaults#testBuilder}): an internal resource without an explicit name fails the build. If a change
 * is intended, copy {@code target/topology-description.txt} over {@code src/test/resources/topology-description.txt}
 * ({@link TopologyDescriptions}).
 */
public abstract class PinnedTopologyTest {

    private final String applicationId;
    private final TopologyHarness.TopologyDefinition definition;
    private final String[] namedResources;

    /**
     * @param applicationId  the service's application id
     * @param definition     adds the service's topology to the builder
     * @param namedResources what the description must name: stores, internal topics, sinks the application relies on
     */
    protected PinnedTopologyTest(final String applicationId, final TopologyHarness.TopologyDefinition definition,
                                 final String... namedResources) {
        this.applicationId = applicationId;
        this.definition = definition;
        this.namedResources = namedResources.clone();
    }

    private Topology topology() {
        final StreamsBuilder builder = StreamsDefaults.testBuilder(applicationId);
        definition.define(builder, EventSerdes.plain());
        return builder.build();
    }

    @Test
    public void theTopologyIsThePinnedOne() {
        TopologyDescriptions.assertMatchesResource(topology(), "topology-description.txt");
    }

    @Test
    public void everyNodeStoreAndInternalTopicIsNamed() {
        TopologyDescriptions.assertEveryNodeNamed(topology(), namedResources);
    }
}
