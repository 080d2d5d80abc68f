package vn.checkin.common;

import java.time.DateTimeException;
import java.time.LocalDate;

/** Days given as query parameters ({@code YYYY-MM-DD}); a bad one is a violation of that parameter. */
public final class Days {

    private Days() {
    }

    /** The day, or null when the parameter is absent or blank. */
    public static LocalDate optional(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeException e) {
            throw ApiException.invalid(field, "must be a day as YYYY-MM-DD");
        }
    }

    public static LocalDate required(String value, String field) {
        LocalDate day = optional(value, field);
        if (day == null) {
            throw ApiException.invalid(field, "must be a day as YYYY-MM-DD");
        }
        return day;
    }
}
