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
    void aShopMayOnlyWriteItsOwnSubmissionsTopicAndReadItsOwnOutcomes() {
        assertThat(AccessGrants.shop("demo-shop", false).lines()).containsExactly(
                "ALLOW User:shop-demo-shop WRITE on TOPIC shops.demo-shop.order-submissions (LITERAL)",
                "ALLOW User:shop-demo-shop DESCRIBE on TOPIC shops.demo-shop.order-submissions (LITERAL)",
                "ALLOW User:shop-demo-shop READ on TOPIC shops.demo-shop.submission-outcomes (LITERAL)",
                "ALLOW User:shop-demo-shop DESCRIBE on TOPIC shops.demo-shop.submission-outcomes (LITERAL)",
                "ALLOW User:shop-demo-shop READ on GROUP shops.demo-shop. (PREFIXED)");
        assertThat(AccessGrants.shop("demo-shop", false).lines()).noneMatch(line -> line.contains("other-shop"));
    }

    @Test
    void aShopsGroupPrefixNeverCoversAnotherShopWhoseIdStartsTheSame() {
        final String prefix = AccessGrants.shopGroupPrefix("acme");

        assertThat(AccessGrants.shopGroupPrefix("acme-west") + "erp").doesNotStartWith(prefix);
        assertThat(AccessGrants.shopGroupPrefix("acme") + "erp").startsWith(prefix);
        assertThatThrownBy(() -> AccessGrants.shopGroupPrefix("acme.west")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTransactionalShopAlsoGetsTransactionalIdsUnderItsPrefix() {
        assertThat(AccessGrants.shop("acme_eu", "User:acme", true).lines()).containsExactly(
                "ALLOW User:acme WRITE on TOPIC shops.acme_eu.order-submissions (LITERAL)",
                "ALLOW User:acme DESCRIBE on TOPIC shops.acme_eu.order-submissions (LITERAL)",
                "ALLOW User:acme READ on TOPIC shops.acme_eu.submission-outcomes (LITERAL)",
                "ALLOW User:acme DESCRIBE on TOPIC shops.acme_eu.submission-outcomes (LITERAL)",
                "ALLOW User:acme READ on GROUP shops.acme_eu. (PREFIXED)",
                "ALLOW User:acme WRITE on TRANSACTIONAL_ID shops/acme_eu/ (PREFIXED)",
                "ALLOW User:acme DESCRIBE on TRANSACTIONAL_ID shops/acme_eu/ (PREFIXED)");
        assertThat(AccessGrants.shopTransactionalIdPrefix("acme.eu.b") + "tx-1")
                .doesNotStartWith(AccessGrants.shopTransactionalIdPrefix("acme.eu"));
    }

    @Test
    void refusesIdsThatWouldBreakTheNamingAndPrincipalsThatAreNotUsers() {
        assertThatThrownBy(() -> AccessGrants.supplier("Acme.West")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AccessGrants.shop("a/b", false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AccessGrants.shop("acme.eu", false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AccessGrants.supplier("acme", "supplier-acme"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("User:<name>");
    }
}
