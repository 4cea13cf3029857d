package io.restock.service.quote;

import io.restock.service.problem.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class QuoteParametersTest {

    @ParameterizedTest(name = "quantity={0} -> {1}")
    @CsvSource(nullValues = "NONE", value = {"NONE, required", "'', required", "0, must-be-positive",
            "-3, must-be-positive", "ten, not-an-integer", "1.5, not-an-integer", "10001, out-of-range"})
    void aQuantityThatIsNotAWholeNumberOfUnitsIsRefused(final String quantity, final String code) {
        final QuoteParameters.Parsed parsed = QuoteParameters.parse(quantity, null, null, null);

        assertThat(parsed).isInstanceOf(QuoteParameters.Parsed.Invalid.class);
        assertThat(((QuoteParameters.Parsed.Invalid) parsed).violations())
                .extracting(Violation::field, Violation::code).containsExactly(org.assertj.core.groups.Tuple.tuple("quantity", code));
    }

    @Test
    void everyBadParameterIsNamed() {
        final QuoteParameters.Parsed parsed = QuoteParameters.parse("0", "400", "DIAMOND", "-1");

        assertThat(((QuoteParameters.Parsed.Invalid) parsed).violations()).extracting(Violation::field)
                .containsExactly("quantity", "maxWaitDays", "tier", "unitPrice");
    }

    @Test
    void validParametersRoundTripThroughTheForwardedQuery() {
        final QuoteParameters parameters = ((QuoteParameters.Parsed.Valid)
                QuoteParameters.parse(" 12 ", "20", "gold", "19.99")).parameters();

        assertThat(parameters).isEqualTo(new QuoteParameters(12, 20, "GOLD", new BigDecimal("19.99")));
        assertThat(parameters.query()).isEqualTo("quantity=12&maxWaitDays=20&tier=GOLD&unitPrice=19.99");
        assertThat(QuoteParameters.parse("12", "20", "GOLD", "19.99"))
                .isEqualTo(new QuoteParameters.Parsed.Valid(parameters));
    }

    @Test
    void theTighterOfTheCustomersAndTheShopsMaximumWaitWins() {
        final QuoteParameters none = new QuoteParameters(5, null, null, null);
        final QuoteParameters customer20 = new QuoteParameters(5, 20, null, null);

        assertThat(none.cappedAt(10).maxWaitDays()).isEqualTo(10);
        assertThat(customer20.cappedAt(10).maxWaitDays()).isEqualTo(10);
        assertThat(customer20.cappedAt(30).maxWaitDays()).isEqualTo(20);
        assertThat(customer20.cappedAt(null).maxWaitDays()).isEqualTo(20);
        assertThat(none.cappedAt(null).query()).isEqualTo("quantity=5");
    }
}
