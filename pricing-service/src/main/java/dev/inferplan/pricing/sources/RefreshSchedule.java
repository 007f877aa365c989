package dev.inferplan.pricing.sources;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

/**
 * When a source is refreshed: every interval ({@code PT6H}, {@code 6h}, {@code 30m}, {@code 10s}), or
 * at the times of a cron expression in UTC (Quartz, with seconds: {@code 0 0 6 * * ?}; or Unix, five
 * fields: {@code 0 6 * * *}).
 */
public final class RefreshSchedule {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})\\s*(s|m|h|d)");
    private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));
    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final String text;
    private final Duration interval;
    private final ExecutionTime cron;

    private RefreshSchedule(String text, Duration interval, ExecutionTime cron) {
        this.text = text;
        this.interval = interval;
        this.cron = cron;
    }

    /** Parses an interval or a cron expression; {@link IllegalArgumentException} naming what is wrong. */
    public static RefreshSchedule parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("a schedule is required (PT6H, 6h, or a cron expression)");
        }
        Matcher shorthand = SHORT.matcher(trimmed.toLowerCase(Locale.ROOT));
        Duration interval = null;
        if (shorthand.matches()) {
            long n = Long.parseLong(shorthand.group(1));
            interval = switch (shorthand.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else if (trimmed.toUpperCase(Locale.ROOT).startsWith("P")) {
            try {
                interval = Duration.parse(trimmed.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not an ISO-8601 duration: " + trimmed);
            }
        }
        if (interval != null) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("the interval must be positive: " + trimmed);
            }
            return new RefreshSchedule(trimmed, interval, null);
        }
        try {
            CronParser parser = trimmed.split("\\s+").length == 5 ? UNIX : QUARTZ;
            return new RefreshSchedule(trimmed, null, ExecutionTime.forCron(parser.parse(trimmed).validate()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("neither an interval nor a cron expression: " + trimmed + " ("
                    + e.getMessage() + ")");
        }
    }

    /** The next refresh after {@code after} (the previous one, or the start); empty if the cron never fires again. */
    public Optional<Instant> next(Instant after) {
        if (interval != null) {
            return Optional.of(after.plus(interval));
        }
        return cron.nextExecution(ZonedDateTime.ofInstant(after, ZoneOffset.UTC)).map(ZonedDateTime::toInstant);
    }

    @Override
    public String toString() {
        return text;
    }
}
