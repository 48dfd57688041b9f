package io.github.xenpv.bundle;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.function.UnaryOperator;

/**
 * The time every archive entry carries, read from {@code project.build.outputTimestamp} the way
 * Maven's own archivers read it (maven-archiver's {@code parseBuildOutputTimestamp}): epoch
 * seconds or ISO-8601 with an offset, truncated to seconds; unset (or one character, what an
 * unresolved inherited property leaves) falls back to {@code SOURCE_DATE_EPOCH}, then to
 * {@link #UNSET}. Unlike a jar, the bundle needs a time even when the user set none, so that
 * two builds give the same bytes.
 */
public final class OutputTimestamp {

    /** The property users set, named in every error. */
    public static final String PROPERTY = "project.build.outputTimestamp";

    /**
     * The time used when nothing is set: the earliest that zip's DOS time field holds exactly,
     * so tar.gz and zip entries agree.
     */
    public static final Instant UNSET = Instant.parse("1980-01-01T00:00:02Z");

    /** The latest time zip and older Maven archivers accept; later values are refused, as Maven refuses them. */
    static final Instant LATEST = Instant.parse("2099-12-31T23:59:59Z");

    /**
     * What {@link #parse} found: the entry time, or, for a value that is none, the message that
     * says why (naming the property or variable, the value and the forms it takes).
     */
    public record Result(Instant time, String problem) {

        static Result of(Instant time) {
            return new Result(time, null);
        }

        static Result refused(String problem) {
            return new Result(null, problem);
        }

        /** {@return whether the value gave a time; otherwise {@code problem} says why not} */
        public boolean valid() {
            return problem == null;
        }
    }

    /** More digits than this, past leading zeros, cannot be a time archives hold ({@link #LATEST} has 10). */
    private static final int MAX_EPOCH_DIGITS = 11;

    private OutputTimestamp() {
    }

    /**
     * A value users get wrong is an outcome, not an error of the caller, so it comes back as a
     * {@link Result}, never as an exception.
     *
     * @param value the property's value, may be {@code null}
     * @param environment looks up {@code SOURCE_DATE_EPOCH}; {@code System::getenv} in a build
     * @return the time in whole seconds, or the problem naming the property, the value and the forms it accepts
     */
    public static Result parse(String value, UnaryOperator<String> environment) {
        String source = PROPERTY;
        String text = value;
        if (text == null || (text.length() < 2 && !isNumeric(text))) {
            text = environment.apply("SOURCE_DATE_EPOCH");
            source = "SOURCE_DATE_EPOCH";
            if (text == null) {
                return Result.of(UNSET);
            }
        }
        Instant instant;
        if (isNumeric(text)) {
            instant = text.length() - leadingZeros(text) > MAX_EPOCH_DIGITS ? Instant.MAX
                    : Instant.ofEpochSecond(Long.parseLong(text));
        } else {
            instant = isoInstant(text);
            if (instant == null) {
                return Result.refused(source + " '" + text + "' is neither ISO-8601 with an offset "
                        + "(e.g. 2026-01-01T00:00:00Z) nor seconds since the epoch (e.g. 1767225600)");
            }
        }
        if (instant.isBefore(UNSET) || instant.isAfter(LATEST)) {
            return Result.refused(source + " '" + text + "' is outside the range archives can hold, " + UNSET + " to "
                    + LATEST);
        }
        return Result.of(instant);
    }

    /** ISO-8601 with an offset, in UTC and whole seconds; {@code null} when the text is not that. */
    private static Instant isoInstant(String text) {
        try {
            return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
                    .toInstant();
        } catch (DateTimeParseException e) {
            // java.time reports text that is no date only by this exception; here it just means "not ISO".
            return null;
        }
    }

    /** How many zeros lead these digits, any but the last: maven-archiver's {@code Long.parseLong} reads past them. */
    private static int leadingZeros(String digits) {
        int zeros = 0;
        while (zeros < digits.length() - 1 && Character.digit(digits.charAt(zeros), 10) == 0) {
            zeros++;
        }
        return zeros;
    }

    private static boolean isNumeric(String text) {
        return !text.isEmpty() && text.chars().allMatch(Character::isDigit);
    }
}
