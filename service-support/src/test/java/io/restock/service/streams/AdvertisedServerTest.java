package io.restock.service.streams;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdvertisedServerTest {

    @Test
    void withNothingConfiguredTheServerIsLoopbackOnTheHttpPort() {
        assertThat(AdvertisedServer.resolve(null, 8083)).isEqualTo("127.0.0.1:8083");
        assertThat(AdvertisedServer.resolve("  ", 8084)).isEqualTo("127.0.0.1:8084");
    }

    @Test
    void aConfiguredServerWins() {
        assertThat(AdvertisedServer.resolve("backorder-1.internal:8083", 9999)).isEqualTo("backorder-1.internal:8083");
        assertThat(AdvertisedServer.hostInfo("backorder-1.internal:8083").port()).isEqualTo(8083);
    }

    @Test
    void aServerWithoutAPortOrARandomHttpPortIsRefused() {
        assertThatThrownBy(() -> AdvertisedServer.resolve("just-a-host", 8083)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> AdvertisedServer.resolve(null, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
