package io.restock.suppliergateway.architecture;

import io.restock.kafkatest.PackageCycles;
import org.junit.jupiter.api.Test;

class PackageCyclesTest {

    @Test
    void noImportCycleBetweenPackages() {
        PackageCycles.assertNoCycleUnder("io.restock.suppliergateway");
    }
}
