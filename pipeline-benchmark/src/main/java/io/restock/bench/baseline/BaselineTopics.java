package io.restock.bench.baseline;

import java.util.List;

/**
 * The benchmark's own topics for its baselines: private to it (names start with its application id, as STYLE.md
 * asks of private topics), never in the shared catalogue, created and deleted by {@link Baselines} itself. Key and
 * value are opaque bytes of the size of Restock's order events.
 */
public final class BaselineTopics {

    /** Application id of the pass-through and prefix of its topics. */
    public static final String APPLICATION_ID = "pipeline-benchmark-pass-through";
    /** What the raw producer writes and the pass-through reads. */
    public static final String INPUT = "pipeline-benchmark.pass-through-input";
    /** What the pass-through writes. */
    public static final String OUTPUT = "pipeline-benchmark.pass-through-output";
    /** As many as Restock's event topics. */
    public static final int PARTITIONS = io.restock.schemas.topics.Topics.ORDER_EVENTS.spec().partitions();

    public static final List<String> ALL = List.of(INPUT, OUTPUT);

    private BaselineTopics() {
    }
}
