package io.restock.orderintake.submission;

import java.util.List;

/**
 * A valid cancellation request: the listed lines, or every line when {@code lineIds} is empty.
 */
public record CancellationSubmission(String orderId, List<String> lineIds, String reason) {
}
