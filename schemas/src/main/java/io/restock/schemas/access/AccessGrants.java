package io.restock.schemas.access;

import io.restock.schemas.topics.Topics;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The ACLs Restock documents for the parties that reach its cluster directly, and for supplier-gateway
 * (supplier-gateway/README.md, order-intake/README.md); {@code bin/restock acl} applies them, and
 * supplier-gateway's {@code SupplierTopicAclIT} and {@code SecuredGatewayIT} check them on a secured broker.
 *
 * <ul>
 *   <li><b>Supplier</b> {@code <id>}, principal {@code User:supplier-<id>}: READ and DESCRIBE on its own topic
 *       {@code suppliers.<id>.purchase-orders} (literal), READ on consumer groups starting with
 *       {@code suppliers.<id>.} (prefixed). Supplier ids have no '.', so supplier {@code acme}'s prefix never
 *       covers supplier {@code acme-west}'s groups.</li>
 *   <li><b>Shop</b> {@code <id>}, principal {@code User:shop-<id>}: WRITE and DESCRIBE on its own
 *       {@code shops.<id>.order-submissions} (literal), READ and DESCRIBE on its own
 *       {@code shops.<id>.submission-outcomes} (literal), READ on consumer groups starting with {@code shops.<id>.}
 *       (prefixed; shop ids that name topics have no '.', so one shop's prefix never covers another's groups);
 *       with {@code transactional}, WRITE and DESCRIBE on transactional ids starting with {@code shops/<id>/}
 *       (prefixed; shop ids have no '/'). Nothing on other shops' topics.</li>
 *   <li><b>supplier-gateway</b>, principal {@code User:supplier-gateway}: see {@link #supplierGateway(String, String)}.</li>
 * </ul>
 * Any host. Nothing else: no other topic, no cluster operation, no ACL or config changes.
 */
public final class AccessGrants {

    /** Lower-case kebab-case, as {@link Topics#supplierPurchaseOrders(String)} requires. */
    private static final Pattern SUPPLIER_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    /** order-intake's shop ids: letters, digits, '.', '_', ':', '-'; never '/'. */
    private static final Pattern SHOP_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern PRINCIPAL = Pattern.compile("User:[^\\s,;]+");
    private static final String ANY_HOST = "*";

    private AccessGrants() {
    }

    /** {@code User:supplier-<id>}. */
    public static String supplierPrincipal(final String supplierId) {
        return "User:supplier-" + requireSupplierId(supplierId);
    }

    /** The consumer groups a supplier may use start with this: {@code suppliers.<id>.}. */
    public static String supplierGroupPrefix(final String supplierId) {
        return "suppliers." + requireSupplierId(supplierId) + ".";
    }

    /** {@code User:shop-<id>}. */
    public static String shopPrincipal(final String shopId) {
        return "User:shop-" + requireShopId(shopId);
    }

    /** The consumer groups a shop may use (to read its outcomes) start with this: {@code shops.<id>.}. */
    public static String shopGroupPrefix(final String shopId) {
        return "shops." + requireShopTopicId(shopId) + ".";
    }

    /** The transactional ids a transactional shop producer may use start with this: {@code shops/<id>/}. */
    public static String shopTransactionalIdPrefix(final String shopId) {
        return "shops/" + requireShopId(shopId) + "/";
    }

    /** A supplier reading its own purchase-order topic, as {@link #supplierPrincipal}. */
    public static AccessGrant supplier(final String supplierId) {
        return supplier(supplierId, supplierPrincipal(supplierId));
    }

    /** A supplier reading its own purchase-order topic, as {@code principal}. */
    public static AccessGrant supplier(final String supplierId, final String principal) {
        requirePrincipal(principal);
        final String topic = Topics.supplierPurchaseOrders(requireSupplierId(supplierId)).name();
        return new AccessGrant(principal, "supplier " + supplierId + " reads " + topic, List.of(
                allow(principal, AclOperation.READ, ResourceType.TOPIC, topic, PatternType.LITERAL),
                allow(principal, AclOperation.DESCRIBE, ResourceType.TOPIC, topic, PatternType.LITERAL),
                allow(principal, AclOperation.READ, ResourceType.GROUP, supplierGroupPrefix(supplierId),
                        PatternType.PREFIXED)));
    }

    /** A shop writing JSON order events to its own topic and reading their outcomes, as {@link #shopPrincipal}. */
    public static AccessGrant shop(final String shopId, final boolean transactional) {
        return shop(shopId, shopPrincipal(shopId), transactional);
    }

    /**
     * A shop writing JSON order events to its own topic and reading their outcomes, as {@code principal}; a
     * transactional producer needs {@code transactional}.
     */
    public static AccessGrant shop(final String shopId, final String principal, final boolean transactional) {
        requireShopTopicId(shopId);
        requirePrincipal(principal);
        final String topic = Topics.shopSubmissions(shopId).name();
        final String outcomes = Topics.shopSubmissionOutcomes(shopId).name();
        final List<AclBinding> bindings = new ArrayList<>(List.of(
                allow(principal, AclOperation.WRITE, ResourceType.TOPIC, topic, PatternType.LITERAL),
                allow(principal, AclOperation.DESCRIBE, ResourceType.TOPIC, topic, PatternType.LITERAL),
                allow(principal, AclOperation.READ, ResourceType.TOPIC, outcomes, PatternType.LITERAL),
                allow(principal, AclOperation.DESCRIBE, ResourceType.TOPIC, outcomes, PatternType.LITERAL),
                allow(principal, AclOperation.READ, ResourceType.GROUP, shopGroupPrefix(shopId),
                        PatternType.PREFIXED)));
        if (transactional) {
            final String prefix = shopTransactionalIdPrefix(shopId);
            bindings.add(allow(principal, AclOperation.WRITE, ResourceType.TRANSACTIONAL_ID, prefix,
                    PatternType.PREFIXED));
            bindings.add(allow(principal, AclOperation.DESCRIBE, ResourceType.TRANSACTIONAL_ID, prefix,
                    PatternType.PREFIXED));
        }
        return new AccessGrant(principal, "shop " + shopId + " writes " + topic + " and reads " + outcomes
                + (transactional ? " (transactional)" : ""), bindings);
    }

    /**
     * supplier-gateway's own principal ({@code User:<applicationId>}, by default {@code User:supplier-gateway}):
     * reads the purchase orders and supplier answers, writes answers, supplier topics (and creates them) and
     * dead letters; owns every topic, group and transactional id starting with its application id (changelogs,
     * consumer groups including the webhook dispatcher's, exactly-once producers) and the registry topic
     * {@code supplier-gateway.suppliers}.
     */
    public static AccessGrant supplierGateway(final String applicationId, final String principal) {
        requirePrincipal(principal);
        if (applicationId == null || !applicationId.matches("[a-z0-9][a-z0-9.-]{0,62}")) {
            throw new IllegalArgumentException("application id must be lower-case kebab-case: " + applicationId);
        }
        final String purchaseOrders = Topics.PURCHASE_ORDERS.name();
        final String supplierEvents = Topics.SUPPLIER_EVENTS.name();
        final String registry = "supplier-gateway.suppliers";
        final List<AclBinding> bindings = new ArrayList<>(List.of(
                allow(principal, AclOperation.READ, ResourceType.TOPIC, purchaseOrders, PatternType.LITERAL),
                allow(principal, AclOperation.READ, ResourceType.TOPIC, supplierEvents, PatternType.LITERAL),
                allow(principal, AclOperation.WRITE, ResourceType.TOPIC, supplierEvents, PatternType.LITERAL),
                allow(principal, AclOperation.WRITE, ResourceType.TOPIC, "suppliers.", PatternType.PREFIXED),
                allow(principal, AclOperation.CREATE, ResourceType.TOPIC, "suppliers.", PatternType.PREFIXED),
                allow(principal, AclOperation.WRITE, ResourceType.TOPIC, Topics.PURCHASE_ORDERS.deadLetterTopic(),
                        PatternType.LITERAL),
                allow(principal, AclOperation.WRITE, ResourceType.TOPIC, Topics.SUPPLIER_EVENTS.deadLetterTopic(),
                        PatternType.LITERAL),
                allow(principal, AclOperation.ALL, ResourceType.TOPIC, registry, PatternType.LITERAL),
                allow(principal, AclOperation.ALL, ResourceType.TOPIC, applicationId, PatternType.PREFIXED),
                allow(principal, AclOperation.WRITE, ResourceType.TOPIC, "dlq." + applicationId, PatternType.PREFIXED),
                allow(principal, AclOperation.READ, ResourceType.GROUP, applicationId, PatternType.PREFIXED),
                allow(principal, AclOperation.WRITE, ResourceType.TRANSACTIONAL_ID, applicationId, PatternType.PREFIXED),
                allow(principal, AclOperation.DESCRIBE, ResourceType.TRANSACTIONAL_ID, applicationId,
                        PatternType.PREFIXED)));
        return new AccessGrant(principal, "supplier-gateway (application id " + applicationId + ")", bindings);
    }

    /** {@link #supplierGateway(String, String)} with application id and principal {@code supplier-gateway}. */
    public static AccessGrant supplierGateway() {
        return supplierGateway("supplier-gateway", "User:supplier-gateway");
    }

    private static AclBinding allow(final String principal, final AclOperation operation, final ResourceType type,
                                    final String name, final PatternType patternType) {
        return new AclBinding(new ResourcePattern(type, name, patternType),
                new AccessControlEntry(principal, ANY_HOST, operation, AclPermissionType.ALLOW));
    }

    private static String requireSupplierId(final String supplierId) {
        if (supplierId == null || !SUPPLIER_ID.matcher(supplierId).matches()) {
            throw new IllegalArgumentException("supplier id must be lower-case letters, digits and '-': " + supplierId);
        }
        return supplierId;
    }

    private static String requireShopId(final String shopId) {
        if (shopId == null || !SHOP_ID.matcher(shopId).matches()) {
            throw new IllegalArgumentException("shop id must be 1-64 of letters, digits, '.', '_', ':', '-': " + shopId);
        }
        return shopId;
    }

    private static String requireShopTopicId(final String shopId) {
        if (!Topics.isValidShopTopicId(shopId)) {
            throw new IllegalArgumentException("a shop on the Kafka entrance needs an id of 1-64 letters, digits, '_'"
                    + " or '-' (it names the shop's topics): " + shopId);
        }
        return shopId;
    }

    private static void requirePrincipal(final String principal) {
        if (principal == null || !PRINCIPAL.matcher(principal).matches()) {
            throw new IllegalArgumentException("principal must look like User:<name>: " + principal);
        }
    }
}
