package io.paycli.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** --since: an RFC 3339 time, a date (midnight UTC), or a duration back from now (24h, 90m, 7d). */
final class SinceConverter implements ITypeConverter<Instant> {
    private static final Pattern DAYS = Pattern.compile("(\\d+)d");
    private final Clock clock;

    SinceConverter() {
        this(Clock.systemUTC());
    }

    SinceConverter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Instant convert(String value) {
        String hint = "'" + value + "' is not an RFC 3339 time (2026-12-01T00:00:00Z), a date (2026-12-01) nor a"
                + " duration back from now (24h, 7d)";
        try {
            if (value.contains("T")) {
                return OffsetDateTime.parse(value).toInstant();
            }
            if (value.length() == 10 && value.charAt(4) == '-') {
                return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
        } catch (DateTimeParseException e) {
            throw new TypeConversionException(hint);
        }
        Matcher days = DAYS.matcher(value);
        if (days.matches()) {
            return clock.instant().minus(Duration.ofDays(Long.parseLong(days.group(1))));
        }
        try {
            return clock.instant().minus(new DurationConverter().convert(value));
        } catch (TypeConversionException e) {
            throw new TypeConversionException(hint);
        }
    }
}
