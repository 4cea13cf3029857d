package io.restock.schemas.access;

import org.apache.kafka.common.acl.AclBinding;

import java.util.List;

/**
 * The ACLs one outside party (a supplier, a shop) gets on Restock's cluster: everything its principal may
 * do, nothing else (the broker denies what no ACL allows).
 *
 * @param principal the Kafka principal, e.g. {@code User:supplier-acme}
 * @param description what the grant is for, one line
 * @param bindings the ALLOW ACLs, in the order they are printed
 */
public record AccessGrant(String principal, String description, List<AclBinding> bindings) {

    public AccessGrant {
        bindings = List.copyOf(bindings);
    }

    /** One line per ACL, e.g. {@code ALLOW User:supplier-acme READ on TOPIC suppliers.acme.purchase-orders (LITERAL)}. */
    public List<String> lines() {
        return bindings.stream().map(AccessGrant::line).toList();
    }

    static String line(final AclBinding binding) {
        return binding.entry().permissionType() + " " + binding.entry().principal() + " "
                + binding.entry().operation() + " on " + binding.pattern().resourceType() + " "
                + binding.pattern().name() + " (" + binding.pattern().patternType() + ")";
    }
}
