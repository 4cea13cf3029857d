package io.restock.backorder.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.restock.service.problem.ProblemErrorResponseProcessor;
import jakarta.inject.Singleton;

/** The errors Micronaut answers itself, as backorder-processor's problem+json (413 and 406 named too). */
@Singleton
@Replaces(ErrorResponseProcessor.class)
final class ErrorResponses extends ProblemErrorResponseProcessor {

    ErrorResponses() {
        super("send Content-Type: application/json",
                "the request failed inside backorder-processor; reads and supplier-offer upserts are safe to retry",
                true);
    }
}
