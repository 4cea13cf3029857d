package io.restock.schemas.streams;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ByTypeTest {

    @Test
    void eachValueGoesToTheBranchOfItsTypeAndValuesOfNoDeclaredTypeAreDropped() {
        final StreamsBuilder builder = new StreamsBuilder();
        final KStream<String, Object> mixed = mixed(builder);
        final ByType<String, Object> byType = ByType.split(mixed, "route")
                .branch(Integer.class, "numbers")
                .branch(String.class, "words")
                .route();
        final KStream<String, Integer> numbers = byType.get(Integer.class);
        numbers.mapValues(n -> n * 2, Named.as("double"))
                .to("numbers", Produced.with(Serdes.String(), Serdes.Integer()).withName("write-numbers"));
        byType.get(String.class).to("words", Produced.with(Serdes.String(), Serdes.String()).withName("write-words"));

        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props())) {
            final TestInputTopic<String, String> in = driver.createInputTopic("in", Serdes.String().serializer(),
                    Serdes.String().serializer());
            final TestOutputTopic<String, Integer> numbersOut = driver.createOutputTopic("numbers",
                    Serdes.String().deserializer(), Serdes.Integer().deserializer());
            final TestOutputTopic<String, String> wordsOut = driver.createOutputTopic("words",
                    Serdes.String().deserializer(), Serdes.String().deserializer());
            in.pipeInput("a", "21");
            in.pipeInput("b", "restock");
            in.pipeInput("c", "2.5");

            assertThat(numbersOut.readValuesToList()).containsExactly(42);
            assertThat(wordsOut.readValuesToList()).containsExactly("restock");
        }
    }

    @Test
    void theSplitAndItsBranchesCarryTheGivenNames() {
        final StreamsBuilder builder = new StreamsBuilder();
        final KStream<String, Object> mixed = mixed(builder);
        final ByType<String, Object> byType = ByType.split(mixed, "route").branch(Integer.class, "numbers").route();
        byType.get(Integer.class).to("numbers", Produced.with(Serdes.String(), Serdes.Integer()).withName("write"));

        assertThat(builder.build().describe().toString())
                .contains("Processor: route- ")
                .contains("Processor: route-numbers ");
    }

    @Test
    void overlappingTypesAreRefusedAndAnUndeclaredTypeHasNoBranch() {
        final StreamsBuilder builder = new StreamsBuilder();
        final KStream<String, Object> mixed = mixed(builder);
        final ByType.Builder<String, Object> split = ByType.split(mixed, "route").branch(Number.class, "numbers");

        assertThatThrownBy(() -> split.branch(Integer.class, "integers"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("disjoint");
        final ByType<String, Object> byType = split.route();
        assertThatThrownBy(() -> byType.get(String.class)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Topic "in", each value an Integer, a Double or a String, as its text reads. */
    private static KStream<String, Object> mixed(final StreamsBuilder builder) {
        return builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()).withName("read-in"))
                .mapValues(ByTypeTest::parse, Named.as("parse"));
    }

    private static Object parse(final String text) {
        try {
            return Integer.parseInt(text);
        } catch (final NumberFormatException notAnInteger) {
            return text.contains(".") ? (Object) Double.parseDouble(text) : text;
        }
    }

    private static Properties props() {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "by-type-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return props;
    }
}
