package io.restock.schemas.it;

import io.restock.kafkatest.KafkaEnvironment;
import io.restock.kafkatest.RestockKafka;
import io.restock.schemas.access.AccessGrants;
import io.restock.schemas.access.AclApplier;
import io.restock.schemas.access.AclException;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code bin/restock acl} against a cluster that cannot enforce ACLs says so. The grants themselves are
 * checked on a broker with SASL/SCRAM and an authorizer by supplier-gateway's {@code SupplierTopicAclIT}.
 */
@RestockKafka
class AclApplierIT {

    @Test
    void grantingOnAClusterWithoutAnAuthorizerFailsWithTheReason(final KafkaEnvironment kafka) {
        // The in-process and container brokers run without an authorizer; an external one may have one.
        assumeTrue(kafka.mode() != KafkaEnvironment.Mode.EXTERNAL, "the external cluster may have an authorizer");
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            final AclApplier applier = new AclApplier(admin, Duration.ofSeconds(30));

            assertThatThrownBy(() -> applier.grant(AccessGrants.supplier("acme")))
                    .isInstanceOf(AclException.class)
                    .hasMessageContaining("the cluster has no authorizer");
        }
    }
}
