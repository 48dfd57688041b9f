package io.github.xenpv.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** {@code project.build.outputTimestamp} read as maven-archiver reads it, with a fixed time when unset. */
class OutputTimestampTest {

    static final UnaryOperator<String> NO_ENVIRONMENT = name -> null;

    @Test
    void isoWithAnOffsetIsConvertedToUtcAndTruncatedToSeconds() {
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), OutputTimestamp.parse("2026-01-01T00:00:00Z", NO_ENVIRONMENT).time());
        assertEquals(Instant.parse("2025-12-31T22:30:15Z"),
                OutputTimestamp.parse("2026-01-01T00:30:15.999+02:00", NO_ENVIRONMENT).time());
    }

    @Test
    void digitsAreSecondsSinceTheEpoch() {
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), OutputTimestamp.parse("1767225600", NO_ENVIRONMENT).time());
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), OutputTimestamp.parse("01767225600", NO_ENVIRONMENT).time(),
                "a leading zero, which maven-archiver's Long.parseLong reads too: eleven digits can still be a time");
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), OutputTimestamp.parse("0".repeat(30) + "1767225600", NO_ENVIRONMENT).time(),
                "any number of leading zeros: the digits past them are what counts");
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"),
                OutputTimestamp.parse("\u0660\u0660" + "1767225600", NO_ENVIRONMENT).time(), "zeros of another script, as Long.parseLong reads them");
        assertRefused("project.build.outputTimestamp '" + "0".repeat(20) + "' is outside the range archives can hold, "
                + "1980-01-01T00:00:02Z to 2099-12-31T23:59:59Z", OutputTimestamp.parse("0".repeat(20), NO_ENVIRONMENT));
    }

    @Test
    void unsetOrOneCharacterFallsBackToSourceDateEpochThenToTheFixedTime() {
        assertEquals(OutputTimestamp.UNSET, OutputTimestamp.parse(null, NO_ENVIRONMENT).time());
        assertEquals(OutputTimestamp.UNSET, OutputTimestamp.parse("", NO_ENVIRONMENT).time());
        assertEquals(OutputTimestamp.UNSET, OutputTimestamp.parse("a", NO_ENVIRONMENT).time());
        UnaryOperator<String> environment = Map.of("SOURCE_DATE_EPOCH", "1767225600")::get;
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), OutputTimestamp.parse(null, environment).time());
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), OutputTimestamp.parse("a", environment).time());
        assertEquals(Instant.parse("2001-09-09T01:46:40Z"), OutputTimestamp.parse("1000000000", environment).time(),
                "the property wins over the environment");
    }

    @Test
    void onlyAnEmptyOrOneLetterValueCountsAsUnset() {
        // maven-archiver's rule: two characters are a value, and one digit is seconds since the epoch
        UnaryOperator<String> environment = Map.of("SOURCE_DATE_EPOCH", "1767225600")::get;
        assertRefused("project.build.outputTimestamp 'ab' is neither ISO-8601 with an offset "
                + "(e.g. 2026-01-01T00:00:00Z) nor seconds since the epoch (e.g. 1767225600)",
                OutputTimestamp.parse("ab", environment));
        assertRefused("project.build.outputTimestamp '5' is outside the range archives can hold, "
                + "1980-01-01T00:00:02Z to 2099-12-31T23:59:59Z", OutputTimestamp.parse("5", environment));
    }

    @Test
    void aValueThatIsNeitherFormNamesThePropertyAndTheForms() {
        assertRefused("project.build.outputTimestamp '2026-01-01 00:00' is neither ISO-8601 with an offset "
                + "(e.g. 2026-01-01T00:00:00Z) nor seconds since the epoch (e.g. 1767225600)",
                OutputTimestamp.parse("2026-01-01 00:00", NO_ENVIRONMENT));
        assertRefused("project.build.outputTimestamp '2026-01-01T00:00:00' is neither ISO-8601 with an offset "
                + "(e.g. 2026-01-01T00:00:00Z) nor seconds since the epoch (e.g. 1767225600)",
                OutputTimestamp.parse("2026-01-01T00:00:00", NO_ENVIRONMENT));
        assertRefused("project.build.outputTimestamp '2026-02-30T00:00:00Z' is neither ISO-8601 with an offset "
                + "(e.g. 2026-01-01T00:00:00Z) nor seconds since the epoch (e.g. 1767225600)",
                OutputTimestamp.parse("2026-02-30T00:00:00Z", NO_ENVIRONMENT));
    }

    @Test
    void aBadSourceDateEpochIsNamedAsSuch() {
        assertRefused("SOURCE_DATE_EPOCH 'yesterday' is neither ISO-8601 with an offset "
                + "(e.g. 2026-01-01T00:00:00Z) nor seconds since the epoch (e.g. 1767225600)",
                OutputTimestamp.parse(null, Map.of("SOURCE_DATE_EPOCH", "yesterday")::get));
    }

    @Test
    void timesArchivesCannotHoldAreRefused() {
        assertRefused("project.build.outputTimestamp '10' is outside the range archives can hold, "
                + "1980-01-01T00:00:02Z to 2099-12-31T23:59:59Z", OutputTimestamp.parse("10", NO_ENVIRONMENT));
        assertFalse(OutputTimestamp.parse("2100-01-01T00:00:00Z", NO_ENVIRONMENT).valid());
        assertFalse(OutputTimestamp.parse("4102444800", NO_ENVIRONMENT).valid(), "one second after the last");
        assertRefused("project.build.outputTimestamp '99999999999999999999999' is outside the range archives can hold, "
                + "1980-01-01T00:00:02Z to 2099-12-31T23:59:59Z", OutputTimestamp.parse("99999999999999999999999", NO_ENVIRONMENT));
        assertEquals(Instant.parse("2099-12-31T23:59:59Z"), OutputTimestamp.parse("2099-12-31T23:59:59Z", NO_ENVIRONMENT).time());
        assertEquals(Instant.parse("2099-12-31T23:59:59Z"), OutputTimestamp.parse("4102444799", NO_ENVIRONMENT).time());
    }

    @Test
    void aTimeThatParsesHasNoProblem() {
        OutputTimestamp.Result result = OutputTimestamp.parse("1767225600", NO_ENVIRONMENT);
        assertTrue(result.valid());
        assertNull(result.problem());
    }

    static void assertRefused(String problem, OutputTimestamp.Result result) {
        assertFalse(result.valid(), problem);
        assertNull(result.time(), "a refused value has no time");
        assertEquals(problem, result.problem());
    }
}
