package io.restock.schemas.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AccessGrantsTest {

    @Test
    void aSupplierMayReadOnlyItsOwnTopicAndGroupsUnderItsPrefix() {
        assertThat(AccessGrants.supplier("acme").lines()).containsExactly(
                "ALLOW User:supplier-acme READ on TOPIC suppliers.acme.purchase-orders (LITERAL)",
                "ALLOW User:supplier-acme DESCRIBE on TOPIC suppliers.acme.purchase-orders (LITERAL)",
                "ALLOW User:supplier-acme READ on GROUP suppliers.acme. (PREFIXED)");
    }

    @Test
    void aSuppliersGroupPrefixNeverCoversAnotherSupplierWhoseIdStartsTheSame() {
        final String prefix = AccessGrants.supplierGroupPrefix("acme");

        assertThat(AccessGrants.supplierGroupPrefix("acme-west") + "erp").doesNotStartWith(prefix);
        assertThat(AccessGrants.supplierGroupPrefix("acme") + "erp").startsWith(prefix);
    }

    @Test
    void aShopMayOnlyWriteTheSubmissionsTopic() {
        assertThat(AccessGrants.shop("demo-shop", false).lines()).containsExactly(
                "ALLOW User:shop-demo-shop WRITE on TOPIC orders.shop-submissions (LITERAL)",
                "ALLOW User:shop-demo-shop DESCRIBE on TOPIC orders.shop-submissions (LITERAL)");
    }

    @Test
    void aTransactionalShopAlsoGetsTransactionalIdsUnderItsPrefix() {
        assertThat(AccessGrants.shop("acme.eu", "User:acme", true).lines()).containsExactly(
                "ALLOW User:acme WRITE on TOPIC orders.shop-submissions (LITERAL)",
                "ALLOW User:acme DESCRIBE on TOPIC orders.shop-submissions (LITERAL)",
                "ALLOW User:acme WRITE on TRANSACTIONAL_ID shops/acme.eu/ (PREFIXED)",
                "ALLOW User:acme DESCRIBE on TRANSACTIONAL_ID shops/acme.eu/ (PREFIXED)");
        assertThat(AccessGrants.shopTransactionalIdPrefix("acme.eu.b") + "tx-1")
                .doesNotStartWith(AccessGrants.shopTransactionalIdPrefix("acme.eu"));
    }

    @Test
    void refusesIdsThatWouldBreakTheNamingAndPrincipalsThatAreNotUsers() {
        assertThatThrownBy(() -> AccessGrants.supplier("Acme.West")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AccessGrants.shop("a/b", false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AccessGrants.supplier("acme", "supplier-acme"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("User:<name>");
    }
}
