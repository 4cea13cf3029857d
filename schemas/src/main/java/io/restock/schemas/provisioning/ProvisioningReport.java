package io.restock.schemas.provisioning;

import java.util.List;

/**
 * What provisioning did. {@code drift} lists differences between the cluster and the catalogue that
 * provisioning reports but never changes (partition counts, topic configs).
 */
public record ProvisioningReport(List<String> created, List<String> unchanged, List<String> drift,
                                 List<String> subjects) {

    public String summary() {
        final StringBuilder text = new StringBuilder()
                .append("topics created: ").append(created.size()).append(created.isEmpty() ? "" : " " + created.stream().sorted().toList())
                .append("; already there: ").append(unchanged.size())
                .append("; subjects registered (BACKWARD_TRANSITIVE): ").append(subjects.size());
        if (!drift.isEmpty()) {
            text.append("\ndrift (not changed, fix by hand):");
            drift.forEach(d -> text.append("\n  - ").append(d));
        }
        return text.toString();
    }
}
