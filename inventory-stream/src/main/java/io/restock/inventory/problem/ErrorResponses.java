package io.restock.inventory.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.restock.service.problem.ProblemErrorResponseProcessor;
import jakarta.inject.Singleton;

/** The errors Micronaut answers itself, as inventory-stream's problem+json (413 and 406 named too). */
@Singleton
@Replaces(ErrorResponseProcessor.class)
final class ErrorResponses extends ProblemErrorResponseProcessor {

    ErrorResponses() {
        super("send Content-Type: application/json (or text/csv for bulk catalog uploads)",
                "the request failed inside inventory-stream; warehouse and catalog requests are safe to retry", true);
    }
}
