package io.restock.orderintake.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.restock.service.problem.ProblemErrorResponseProcessor;
import jakarta.inject.Singleton;

/** The errors Micronaut answers itself, as order-intake's problem+json (413 and 406 named too). */
@Singleton
@Replaces(ErrorResponseProcessor.class)
final class ErrorResponses extends ProblemErrorResponseProcessor {

    ErrorResponses() {
        super("send Content-Type: application/json",
                "the request failed inside order-intake; it is safe to retry with the same Idempotency-Key", true);
    }
}
