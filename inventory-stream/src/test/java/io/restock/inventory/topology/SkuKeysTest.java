package io.restock.inventory.topology;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SkuKeysTest {

    @Test
    void aSkusPrefixStartsEveryKeyOfThatSkuAndNoKeyOfAnother() {
        final List<String> skus = List.of("a", "a/1", "a/", "1:a", "ab", "b", "a:b/c");
        for (final String sku : skus) {
            for (final String other : skus) {
                final String line = SkuKeys.line(other, "o/1", "1");
                final String movement = SkuKeys.movement(other, "m-1");
                final String slot = SkuKeys.movementSlot(other, 3);
                final boolean same = sku.equals(other);
                assertThat(line.startsWith(SkuKeys.of(sku))).as("%s / line of %s", sku, other).isEqualTo(same);
                assertThat(movement.startsWith(SkuKeys.of(sku))).as("%s / movement of %s", sku, other).isEqualTo(same);
                assertThat(slot.startsWith(SkuKeys.of(sku))).as("%s / slot of %s", sku, other).isEqualTo(same);
            }
        }
    }

    @Test
    void lineKeysOfDifferentLinesDiffer() {
        assertThat(SkuKeys.line("s", "o/1", "2")).isNotEqualTo(SkuKeys.line("s", "o", "1/2"));
        assertThat(SkuKeys.line("s", "o", "12")).isNotEqualTo(SkuKeys.line("s", "o1", "2"));
    }
}
