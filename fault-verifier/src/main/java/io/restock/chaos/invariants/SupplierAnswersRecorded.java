package io.restock.chaos.invariants;

import io.restock.chaos.history.History;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every supplier answer supplier-gateway took (2xx) is on {@code procurement.supplier-events} exactly once: one
 * record per (supplier, message id), the event id the 2xx named, the kind sent and, for acknowledgements and
 * shipment notices, the quantities sent per purchase-order line. The gateway deduplicates answers by message id
 * (supplier-gateway/README.md, "Idempotency"), and the verifier retries each answer with the same one.
 */
public final class SupplierAnswersRecorded implements Invariant.Rule {

    @Override
    public void check(final History history, final Invariant.Violations violations) {
        final Map<String, List<History.SupplierFact>> byMessage = new HashMap<>();
        history.supplierEvents().forEach(e -> byMessage.computeIfAbsent(e.supplierId() + "/" + e.messageId(),
                k -> new ArrayList<>()).add(e));
        byMessage.forEach((key, records) -> {
            if (records.size() > 1) {
                violations.add(key, "answer recorded " + records.size() + " times (events "
                        + records.stream().map(History.SupplierFact::eventId).toList() + ")");
            }
        });
        for (final History.SentAnswer answer : history.sentAnswers()) {
            if (!answer.accepted()) {
                continue;
            }
            final String key = answer.supplierId() + "/" + answer.messageId();
            final List<History.SupplierFact> records = byMessage.getOrDefault(key, List.of());
            if (records.isEmpty()) {
                violations.add(key, answer.kind() + " answered HTTP " + answer.finalStatus()
                        + " but not on procurement.supplier-events");
                continue;
            }
            final History.SupplierFact record = records.getFirst();
            if (!record.eventId().equals(answer.eventId()) || record.kind() != answer.kind()
                    || !record.purchaseOrderId().equals(answer.purchaseOrderId())) {
                violations.add(key, "recorded " + record.kind() + " " + record.eventId()
                        + " of " + record.purchaseOrderId() + ", answered " + answer.kind() + " " + answer.eventId()
                        + " of " + answer.purchaseOrderId());
            } else if ((answer.kind() == History.AnswerKind.ACKNOWLEDGED || answer.kind() == History.AnswerKind.SHIPPED)
                    && !record.quantities().equals(answer.quantities())) {
                violations.add(key, "recorded quantities " + record.quantities() + ", sent "
                        + answer.quantities());
            }
        }
    }
}
