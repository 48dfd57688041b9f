package io.github.xenpv.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), OutputTimestamp.parse("2026-01-01T00:00:00Z", NO_ENVIRONMENT));
        assertEquals(Instant.parse("2025-12-31T22:30:15Z"),
                OutputTimestamp.parse("2026-01-01T00:30:15.999+02:00", NO_ENVIRONMENT));
    }

    @Test
    void digitsAreSecondsSinceTheEpoch() {
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), OutputTimestamp.parse("1767225600", NO_ENVIRONMENT));
    }

    @Test
    void unsetOrOneCharacterFallsBackToSourceDateEpochThenToTheFixedTime() {
        assertEquals(OutputTimestamp.UNSET, OutputTimestamp.parse(null, NO_ENVIRONMENT));
        assertEquals(OutputTimestamp.UNSET, OutputTimestamp.parse("", NO_ENVIRONMENT));
        assertEquals(OutputTimestamp.UNSET, OutputTimestamp.parse("a", NO_ENVIRONMENT));
        UnaryOperator<String> environment = Map.of("SOURCE_DATE_EPOCH", "1767225600")::get;
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), OutputTimestamp.parse(null, environment));
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), OutputTimestamp.parse("a", environment));
        assertEquals(Instant.parse("2001-09-09T01:46:40Z"), OutputTimestamp.parse("1000000000", environment),
                "the property wins over the environment");
    }

    @Test
    void onlyAnEmptyOrOneLetterValueCountsAsUnset() {
        // maven-archiver's rule: two characters are a value, and one digit is seconds since the epoch
        UnaryOperator<String> environment = Map.of("SOURCE_DATE_EPOCH", "1767225600")::get;
        IllegalArgumentException two = assertThrows(IllegalArgumentException.class, () -> OutputTimestamp.parse("ab", environment));
        assertTrue(two.getMessage().startsWith("project.build.outputTimestamp 'ab' is neither"), two.getMessage());
        IllegalArgumentException digit = assertThrows(IllegalArgumentException.class, () -> OutputTimestamp.parse("5", environment));
        assertTrue(digit.getMessage().startsWith("project.build.outputTimestamp '5' is outside"), digit.getMessage());
    }

    @Test
    void aValueThatIsNeitherFormNamesThePropertyAndTheForms() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> OutputTimestamp.parse("2026-01-01 00:00", NO_ENVIRONMENT));
        assertEquals("project.build.outputTimestamp '2026-01-01 00:00' is neither ISO-8601 with an offset "
                + "(e.g. 2026-01-01T00:00:00Z) nor seconds since the epoch (e.g. 1767225600)", error.getMessage());
        IllegalArgumentException local = assertThrows(IllegalArgumentException.class,
                () -> OutputTimestamp.parse("2026-01-01T00:00:00", NO_ENVIRONMENT), "a local time has no offset");
        assertEquals("project.build.outputTimestamp '2026-01-01T00:00:00' is neither ISO-8601 with an offset "
                + "(e.g. 2026-01-01T00:00:00Z) nor seconds since the epoch (e.g. 1767225600)", local.getMessage());
    }

    @Test
    void aBadSourceDateEpochIsNamedAsSuch() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> OutputTimestamp.parse(null, Map.of("SOURCE_DATE_EPOCH", "yesterday")::get));
        assertEquals("SOURCE_DATE_EPOCH 'yesterday' is neither ISO-8601 with an offset "
                + "(e.g. 2026-01-01T00:00:00Z) nor seconds since the epoch (e.g. 1767225600)", error.getMessage());
    }

    @Test
    void timesArchivesCannotHoldAreRefused() {
        IllegalArgumentException early = assertThrows(IllegalArgumentException.class,
                () -> OutputTimestamp.parse("10", NO_ENVIRONMENT));
        assertEquals("project.build.outputTimestamp '10' is outside the range archives can hold, "
                + "1980-01-01T00:00:02Z to 2099-12-31T23:59:59Z", early.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OutputTimestamp.parse("2100-01-01T00:00:00Z", NO_ENVIRONMENT));
        assertEquals(Instant.parse("2099-12-31T23:59:59Z"), OutputTimestamp.parse("2099-12-31T23:59:59Z", NO_ENVIRONMENT));
    }
}
