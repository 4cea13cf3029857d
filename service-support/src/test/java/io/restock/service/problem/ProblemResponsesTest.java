package io.restock.service.problem;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemResponsesTest {

    private static String body(final MutableHttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void aProblemWithoutErrorsLeavesTheErrorsMemberOut() {
        final MutableHttpResponse<byte[]> response = ProblemResponses.of(HttpStatus.NOT_FOUND, "sku-not-found",
                "No such SKU", "no SKU A", "/skus/A", List.of());

        assertThat(response.code()).isEqualTo(404);
        assertThat(response.getContentType()).contains(ProblemResponses.PROBLEM_JSON);
        assertThat(body(response)).isEqualTo("{\"type\":\"urn:restock:problem:sku-not-found\",\"title\":\"No such SKU\","
                + "\"status\":404,\"detail\":\"no SKU A\",\"instance\":\"/skus/A\"}");
    }

    @Test
    void oneInvalidFieldIsTheDetailAndSeveralAreCounted() {
        final Violation sku = new Violation("sku", "required", "is required");
        final Violation quantity = new Violation("", "malformed", "not JSON");

        assertThat(body(ProblemResponses.invalid("/x", "The request is not valid", List.of(sku))))
                .contains("\"detail\":\"sku: is required\"",
                        "\"errors\":[{\"field\":\"sku\",\"code\":\"required\",\"message\":\"is required\"}]");
        assertThat(body(ProblemResponses.invalid("/x", "t", List.of(quantity)))).contains("\"detail\":\"not JSON\"");
        assertThat(body(ProblemResponses.invalid("/x", "t", List.of(sku, quantity))))
                .contains("\"detail\":\"2 problems; see errors\"");
    }

    @Test
    void unavailableSaysWhenToRetry() {
        final MutableHttpResponse<byte[]> response = ProblemResponses.unavailable("/x", "restoring", 2);

        assertThat(response.code()).isEqualTo(503);
        assertThat(response.getHeaders().get(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
        assertThat(body(response)).contains("\"type\":\"urn:restock:problem:temporarily-unavailable\"");
    }
}
