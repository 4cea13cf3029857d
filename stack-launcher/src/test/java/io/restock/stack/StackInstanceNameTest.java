package io.restock.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StackInstanceNameTest {

    @Test
    void theFirstInstanceKeepsTheServiceIdSoItsLogsStateAndPidsStayWhereUpPutsThem() {
        assertThat(Stack.instanceName(Service.INVENTORY_STREAM, 1)).isEqualTo("inventory-stream");
    }

    @Test
    void furtherInstancesAreNumbered() {
        assertThat(Stack.instanceName(Service.INVENTORY_STREAM, 2)).isEqualTo("inventory-stream-2");
    }

    @Test
    void instancesCountFromOne() {
        assertThatThrownBy(() -> Stack.instanceName(Service.INVENTORY_STREAM, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
