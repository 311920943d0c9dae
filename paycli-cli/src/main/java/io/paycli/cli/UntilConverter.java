package io.paycli.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** --until: an RFC 3339 time (2026-12-02T06:00:00Z, 2026-12-02T14:00+08:00) or a duration from now (6h, 90m). */
final class UntilConverter implements ITypeConverter<Instant> {
    private final Clock clock;

    UntilConverter() {
        this(Clock.systemUTC());
    }

    UntilConverter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Instant convert(String value) {
        if (!value.isEmpty() && Character.isDigit(value.charAt(0)) && value.contains("T")) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not an RFC 3339 time with an offset (try"
                        + " 2026-12-02T06:00:00Z) nor a duration from now (try 6h or 90m)");
            }
        }
        Duration fromNow;
        try {
            fromNow = new DurationConverter().convert(value);
        } catch (TypeConversionException e) {
            throw new TypeConversionException("'" + value + "' is neither an RFC 3339 time (try 2026-12-02T06:00:00Z)"
                    + " nor a duration from now (try 6h or 90m)");
        }
        return clock.instant().plus(fromNow);
    }
}
