package io.restock.localkafka.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandLineTest {

    @Test
    void valuesFollowTheNameAfterASpaceOrAnEqualsSignAndFlagsTakeNone() {
        final CommandLine line = new CommandLine(new String[] {"--port", "9092", "--attach", "--dir=/tmp/d",
                "--wait", "1500ms", "--rate=0.5", "--lines", "200_000"});
        final List<Object> read = new ArrayList<>();
        while (line.next()) {
            switch (line.name()) {
                case "--port" -> read.add(line.port());
                case "--attach" -> read.add("flag");
                case "--dir" -> read.add(line.path());
                case "--wait" -> read.add(line.duration());
                case "--rate" -> read.add(line.positiveAtMost(1000));
                case "--lines" -> read.add(line.whole(1, Long.MAX_VALUE));
                default -> throw line.unknown();
            }
        }
        assertThat(read).containsExactly(9092, "flag", Path.of("/tmp/d"), Duration.ofMillis(1500), 0.5, 200_000L);
    }

    @Test
    void everyProblemNamesTheOption() {
        assertThatThrownBy(() -> read("--port")).hasMessage("missing value for --port");
        assertThatThrownBy(() -> read("--port", "99999")).hasMessage("--port needs a port number (0-65535), not '99999'");
        assertThatThrownBy(() -> read("--lines", "0")).hasMessage("--lines needs a whole number 1-9, not '0'");
        assertThatThrownBy(() -> read("--rate", "-1")).hasMessageStartingWith("--rate needs a number above 0");
        assertThatThrownBy(() -> read("--warmup", "x")).hasMessage("--warmup needs a number of 0 or more, not 'x'");
        assertThatThrownBy(() -> read("--wait", "0s")).hasMessageStartingWith("--wait needs a positive duration");
        assertThatThrownBy(() -> read("--bogus", "1")).hasMessage("unknown option --bogus");
    }

    private static void read(final String... args) {
        final CommandLine line = new CommandLine(args);
        while (line.next()) {
            switch (line.name()) {
                case "--port" -> line.port();
                case "--lines" -> line.whole(1, 9);
                case "--rate" -> line.positive();
                case "--warmup" -> line.atLeastZero();
                case "--wait" -> line.duration();
                default -> throw line.unknown();
            }
        }
    }
}
