package io.restock.localkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class MainOptionsTest {

    @Test
    void defaultsToTheStandardPortsAndDirectoriesUnderTheRepository() {
        final Main.Options options = Main.Options.parse(new String[0]);

        assertThat(options.port()).isEqualTo(9092);
        assertThat(options.registryPort()).isEqualTo(8081);
        assertThat(options.dataDir()).isEqualTo(RestockRoot.find().resolve(".restock/data"));
        assertThat(options.logDir()).isEqualTo(RestockRoot.find().resolve(".restock/logs"));
    }

    @Test
    void acceptsSpaceAndEqualsSeparatedValues() {
        final Main.Options options = Main.Options.parse(
                new String[] {"--port", "0", "--registry-port=18081", "--data-dir", "/tmp/d", "--log-dir=/tmp/l"});

        assertThat(options.port()).isZero();
        assertThat(options.registryPort()).isEqualTo(18081);
        assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/d"));
        assertThat(options.logDir()).isEqualTo(Path.of("/tmp/l"));
    }

    @Test
    void rejectsUnknownOptionsAndBadPorts() {
        assertThatThrownBy(() -> Main.Options.parse(new String[] {"--bogus", "1"}))
                .hasMessage("unknown option --bogus");
        assertThatThrownBy(() -> Main.Options.parse(new String[] {"--port", "99999"}))
                .hasMessageContaining("--port needs a port number");
        assertThatThrownBy(() -> Main.Options.parse(new String[] {"--port"}))
                .hasMessage("missing value for --port");
    }
}
