package io.restock.orderintake.submission;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The request path checks ids, money and emails by hand; they must accept exactly what the documented patterns accept. */
class HandWrittenPatternsTest {

    @Test
    void idsMoneyAndEmailsAreCheckedExactlyAsTheirRegularExpressions() {
        assertSameAs("[A-Za-z0-9._:-]{1,64}", Submissions::isIdText, "aZ09._:- /@éx", 70);
        assertSameAs("\\d{1,15}(\\.\\d{1,4})?", Submissions::isMoneyText, "0123456789.-+e ,٣", 22);
        assertSameAs("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+", Submissions::isEmail, "ab.@@ \t\n\u000Bx", 70);
    }

    private static void assertSameAs(final String regex, final Predicate<String> check, final String alphabet,
                                     final int maxLength) {
        final Pattern pattern = Pattern.compile(regex);
        final Random random = new Random(42);
        for (int n = 0; n < 200_000; n++) {
            final StringBuilder text = new StringBuilder();
            final int length = random.nextInt(maxLength + 1);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            final String value = text.toString();
            assertThat(check.test(value)).as("%s against %s", value, regex).isEqualTo(pattern.matcher(value).matches());
        }
    }
}
