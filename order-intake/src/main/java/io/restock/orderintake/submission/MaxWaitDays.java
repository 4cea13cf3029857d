package io.restock.orderintake.submission;

/** Maximum waits in days (DOMAIN.md rule 3): optional limits of which every one that is set applies. */
public final class MaxWaitDays {

    private MaxWaitDays() {
    }

    /** The smaller of two optional limits in days, null when both are. */
    public static Integer tighter(final Integer a, final Integer b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : Math.min(a, b);
    }
}
