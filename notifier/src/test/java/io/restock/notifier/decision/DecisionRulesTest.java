package io.restock.notifier.decision;

import io.restock.notifier.internal.Notice;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The plain-Java rules: threshold, coalescing, grouping and deterministic ids. */
class DecisionRulesTest {

    private static final LocalDate D = LocalDate.parse("2026-11-24");
    private static final NotifierSettings SETTINGS = NotifierSettings.defaults();

    @Test
    void aMoveReachesTheThresholdOnlyIfItIsAtLeastThatManyWholeDays() {
        assertThat(new DateMove(D, D).reaches(Duration.ofDays(1))).isFalse();
        assertThat(new DateMove(D, D).reaches(Duration.ZERO)).isFalse();
        assertThat(new DateMove(D, D.plusDays(1)).reaches(Duration.ofHours(2))).isTrue();
        assertThat(new DateMove(D, D.plusDays(2)).reaches(Duration.ofDays(1))).isTrue();
        assertThat(new DateMove(D, D.minusDays(2)).reaches(Duration.ofDays(2))).isTrue();
        assertThat(new DateMove(D, D.plusDays(2)).reaches(Duration.ofDays(3))).isFalse();
    }

    @Test
    void notificationIdsDependOnlyOnTheSetOfCauses() {
        assertThat(NotificationIds.of(List.of("a", "b"))).isEqualTo(NotificationIds.of(List.of("b", "a", "a")))
                .startsWith("n-").hasSize(34);
        assertThat(NotificationIds.of(List.of("a"))).isNotEqualTo(NotificationIds.of(List.of("a", "b")));
        assertThatThrownBy(() -> NotificationIds.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dateChangesOfOneLineCoalesceFromTheFirstChangeWithTheLastDate() {
        final PendingBook book = new PendingBook(List.of());
        book.add(change("1", D.plusDays(2), "a"), 0, SETTINGS);
        book.add(change("1", D.plusDays(5), "b"), 60_000, SETTINGS);
        book.add(change("2", D.plusDays(1), "c"), 60_000, SETTINGS);
        final long window = SETTINGS.coalescingWindow().toMillis();

        assertThat(book.takeDue(window - 1)).isEmpty();
        final List<Notice> due = book.takeDue(window);
        assertThat(due).singleElement().satisfies(n -> {
            assertThat(n.getDate()).isEqualTo(D.plusDays(5));
            assertThat(n.getCauseEventIds()).containsExactly("a", "b");
        });
        assertThat(book.takeDue(window + 60_000)).extracting(Notice::getLineId).containsExactly("2");
    }

    @Test
    void noticesArrivingWithinTheGroupingWindowOfTheFirstAreDueTogether() {
        final PendingBook book = new PendingBook(List.of());
        book.add(notice("READY_TO_SHIP", "1", "a"), 0, SETTINGS);
        book.add(notice("CANCELLED", "2", "b"), 20_000, SETTINGS);
        book.add(notice("CANCELLED", "2", "c"), 21_000, SETTINGS);
        assertThat(book.takeDue(30_000)).extracting(Notice::getLineId, Notice::getQuantity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("1", 1), org.assertj.core.groups.Tuple.tuple("2", 2));
        assertThat(book.isEmpty()).isTrue();
    }

    private static Notice change(final String line, final LocalDate to, final String cause) {
        final Notice n = notice("DELIVERY_DATE_CHANGED", line, cause);
        n.setDate(to);
        n.setPreviousDate(D);
        return n;
    }

    private static Notice notice(final String kind, final String line, final String cause) {
        return Notice.newBuilder().setKind(kind).setLineId(line).setSku("sku-" + line).setQuantity(1)
                .setDate(null).setPreviousDate(null).setCarrier(null).setTrackingNumber(null).setReason(null)
                .setSubstitutes(new ArrayList<>()).setCauseEventIds(new ArrayList<>(List.of(cause)))
                .setReceivedAt(0L).setDueAt(0L).build();
    }
}
