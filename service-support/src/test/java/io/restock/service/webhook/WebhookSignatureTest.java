package io.restock.service.webhook;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The signature convention and the reference verifier, against the test vector published in the README. */
class WebhookSignatureTest {

    // The published test vector (README): independently computed with
    // printf '%s' '1767225600.{"purchaseOrderId":"po-1","eventType":"PurchaseOrderIssued"}' | openssl dgst -sha256 -hmac 'whsec_restock_test_vector_0001'
    static final String SECRET = "whsec_restock_test_vector_0001";
    static final long T = 1767225600L;
    static final byte[] BODY = "{\"purchaseOrderId\":\"po-1\",\"eventType\":\"PurchaseOrderIssued\"}".getBytes(StandardCharsets.UTF_8);
    static final String EXPECTED = "t=1767225600,v1=34b2769587e86cb9a60f8b34d9cef1131034d17caff48c04ffd1e3bbf051ff31";
    static final Instant AT_T = Instant.ofEpochSecond(T);

    private final WebhookVerifier verifier = new WebhookVerifier(List.of(SECRET), WebhookVerifier.DEFAULT_TOLERANCE);

    @Test
    void signsThePublishedTestVector() {
        assertThat(WebhookSignature.header(SECRET, T, BODY)).isEqualTo(EXPECTED);
    }

    @Test
    void oneHeaderSetForShopsAndSuppliersWithTheNotifiersFormerNamesOnTop() {
        final var headers = WebhookSignature.headers(SECRET, T, BODY, "d-1", "PurchaseOrderIssued", 3);

        assertThat(headers).containsExactly(
                java.util.Map.entry("Restock-Signature", EXPECTED),
                java.util.Map.entry("Restock-Delivery-Id", "d-1"),
                java.util.Map.entry("Restock-Event-Type", "PurchaseOrderIssued"),
                java.util.Map.entry("Restock-Attempt", "3"));
        assertThat(WebhookSignature.withFormerNotifierNames(headers)).containsAllEntriesOf(headers)
                .containsEntry("Restock-Delivery", "d-1").containsEntry("Restock-Event", "PurchaseOrderIssued");
    }

    @Test
    void verifierAcceptsThePublishedTestVector() {
        assertThat(verifier.verify(EXPECTED, BODY, AT_T.plusSeconds(30))).isEqualTo(WebhookVerifier.Result.VALID);
    }

    @Test
    void aChangedBodyByteIsRefused() {
        final byte[] changed = BODY.clone();
        changed[changed.length - 3] ^= 0x01;
        assertThat(verifier.verify(EXPECTED, changed, AT_T)).isEqualTo(WebhookVerifier.Result.SIGNATURE_MISMATCH);
    }

    @Test
    void anOldTimestampIsRefusedEvenWithAValidSignature() {
        assertThat(verifier.verify(EXPECTED, BODY, AT_T.plus(Duration.ofMinutes(5)).plusSeconds(1)))
                .isEqualTo(WebhookVerifier.Result.TIMESTAMP_OUT_OF_TOLERANCE);
        assertThat(verifier.verify(EXPECTED, BODY, AT_T.minus(Duration.ofMinutes(6))))
                .isEqualTo(WebhookVerifier.Result.TIMESTAMP_OUT_OF_TOLERANCE);
    }

    @Test
    void aWrongSecretIsRefused() {
        final WebhookVerifier wrong = new WebhookVerifier(List.of("whsec_someone_else_0000000"), WebhookVerifier.DEFAULT_TOLERANCE);
        assertThat(wrong.verify(EXPECTED, BODY, AT_T)).isEqualTo(WebhookVerifier.Result.SIGNATURE_MISMATCH);
    }

    @Test
    void aTimestampMovedWithoutResigningIsRefused() {
        final String moved = EXPECTED.replace("t=1767225600", "t=1767225601");
        assertThat(verifier.verify(moved, BODY, AT_T)).isEqualTo(WebhookVerifier.Result.SIGNATURE_MISMATCH);
    }

    @Test
    void duringRotationEitherOfTwoSecretsVerifies() {
        final String newSecret = "whsec_restock_rotated_secret_02";
        final WebhookVerifier rotating = new WebhookVerifier(List.of(newSecret, SECRET), WebhookVerifier.DEFAULT_TOLERANCE);
        assertThat(rotating.verify(EXPECTED, BODY, AT_T)).isEqualTo(WebhookVerifier.Result.VALID);
        assertThat(rotating.verify(WebhookSignature.header(newSecret, T, BODY), BODY, AT_T))
                .isEqualTo(WebhookVerifier.Result.VALID);
        final WebhookVerifier oldOnly = new WebhookVerifier(List.of(SECRET), WebhookVerifier.DEFAULT_TOLERANCE);
        assertThat(oldOnly.verify(WebhookSignature.header(newSecret, T, BODY), BODY, AT_T))
                .isEqualTo(WebhookVerifier.Result.SIGNATURE_MISMATCH);
    }

    @Test
    void malformedHeadersAreRefused() {
        for (final String header : new String[]{null, "", "v1=abc", "t=1767225600", "t=x,v1=" + "0".repeat(64),
                "t=1767225600,v1=XYZ", "garbage"}) {
            assertThat(verifier.verify(header, BODY, AT_T)).as(String.valueOf(header))
                    .isEqualTo(WebhookVerifier.Result.MALFORMED_HEADER);
        }
    }

    @Test
    void retryDelaysGrowExponentiallyWithFullJitterAndAreBounded() {
        final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(1000));
        assertThat(policy.delayAfter(1, () -> 0.999999)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.delayAfter(3, () -> 0.999999)).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.delayAfter(10, () -> 0.999999)).isEqualTo(Duration.ofMillis(1000));
        assertThat(policy.delayAfter(3, () -> 0.0)).isZero();
        assertThat(policy.exhausted(4)).isFalse();
        assertThat(policy.exhausted(5)).isTrue();
        assertThat(RetryPolicy.retryable(503)).isTrue();
        assertThat(RetryPolicy.retryable(429)).isTrue();
        assertThat(RetryPolicy.retryable(400)).isFalse();
        assertThat(RetryPolicy.retryable(404)).isFalse();
    }
}
