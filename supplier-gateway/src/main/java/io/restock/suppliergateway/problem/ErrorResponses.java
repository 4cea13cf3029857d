package io.restock.suppliergateway.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.restock.service.problem.ProblemErrorResponseProcessor;
import jakarta.inject.Singleton;

/** The errors Micronaut answers itself, as supplier-gateway's problem+json (413 and 406 as {@code http-<status>}). */
@Singleton
@Replaces(ErrorResponseProcessor.class)
final class ErrorResponses extends ProblemErrorResponseProcessor {

    ErrorResponses() {
        super("send Content-Type: application/json",
                "the request failed inside supplier-gateway; answers are idempotent by messageId, retry them", false);
    }
}
