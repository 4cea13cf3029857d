package io.restock.chaos.invariants;

/** One broken invariant: which, the keys involved (an order line, a SKU, a notification id...) and what differs. */
public record Violation(String invariant, String key, String detail) {

    @Override
    public String toString() {
        return invariant + " [" + key + "]: " + detail;
    }
}
