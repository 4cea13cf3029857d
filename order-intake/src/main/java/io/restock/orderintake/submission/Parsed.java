package io.restock.orderintake.submission;

import java.util.List;

/** The outcome of reading a submission: the value, or every violation found. */
public sealed interface Parsed<T> {

    record Valid<T>(T value) implements Parsed<T> {
    }

    record Invalid<T>(List<Violation> violations) implements Parsed<T> {
        public Invalid {
            violations = List.copyOf(violations);
        }

        /** The first violation's code, as the short reason of a dead letter. */
        public String reason() {
            return violations.isEmpty() ? "INVALID" : violations.getFirst().code().name();
        }

        /** All violations on one line, for a dead letter's message. */
        public String summary() {
            final StringBuilder text = new StringBuilder();
            for (final Violation v : violations) {
                if (!text.isEmpty()) {
                    text.append("; ");
                }
                text.append(v.field().isEmpty() ? "(body)" : v.field()).append(": ").append(v.message());
            }
            return text.toString();
        }
    }
}
