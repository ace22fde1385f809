package io.terrarium.domain.model.shared;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The time convention of the domain: naive UTC date-times at microsecond precision, as conda-store stores them
 * and as both H2 and PostgreSQL keep them without rounding.
 */
public final class Timestamps {

    private Timestamps() {}

    public static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
