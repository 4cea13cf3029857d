package io.restock.demo.world;

import io.restock.demo.observe.Journal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Picks the orders whose stories show the most of Restock: a backorder with its date, date changes, the stock
 * arriving, the shipment and the customer emails.
 */
final class Journeys {

    private Journeys() {
    }

    static List<List<Journal>> pick(final Map<String, List<Journal>> journals, final int count) {
        return journals.values().stream()
                .filter(j -> has(j, "backordered"))
                .sorted(Comparator.comparingInt(Journeys::score).reversed())
                .limit(count)
                .map(j -> j.stream().sorted(Comparator.comparing(Journal::at)).toList())
                .toList();
    }

    static int score(final List<Journal> journal) {
        int score = 0;
        score += has(journal, "delivery date") ? 4 : 0;
        score += has(journal, "ready to ship") ? 4 : 0;
        score += has(journal, "shipped by") ? 4 : 0;
        score += has(journal, "email to") ? 3 : 0;
        score += has(journal, "cancel") ? 1 : 0;
        return score * 100 + Math.min(journal.size(), 99);
    }

    private static boolean has(final List<Journal> journal, final String text) {
        return journal.stream().anyMatch(j -> j.text().contains(text));
    }
}
