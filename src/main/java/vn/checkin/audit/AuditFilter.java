package vn.checkin.audit;

import vn.checkin.common.ApiException;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a reader of the audit trail asks for: entries of an actor, of an action, about a target (all exact matches),
 * made in {@code [from, to)}. Each may be absent. A value that cannot be read is a violation of that parameter.
 */
public record AuditFilter(String actor, AuditAction action, String target, Instant from, Instant to) {

    private static final String ACTIONS = Arrays.stream(AuditAction.values()).map(Enum::name)
            .collect(Collectors.joining(", "));

    /** Reads the query parameters of {@code GET /api/v1/audit}; blank means absent. */
    public static AuditFilter of(String actor, String action, String target, String from, String to) {
        Instant since = instant(from, "from");
        Instant until = instant(to, "to");
        if (since != null && until != null && since.isAfter(until)) {
            throw ApiException.invalid("from", "must not be after to");
        }
        return new AuditFilter(blankToNull(actor), action(action), blankToNull(target), since, until);
    }

    /** The same filter, narrowed to one actor's entries (a tracing officer reads only their own). */
    public AuditFilter ofActor(String username) {
        return new AuditFilter(username, action, target, from, to);
    }

    private static AuditAction action(String value) {
        String name = blankToNull(value);
        if (name == null) {
            return null;
        }
        try {
            return AuditAction.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("action", "must be one of " + ACTIONS);
        }
    }

    private static Instant instant(String value, String field) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            throw ApiException.invalid(field, "must be an instant such as 2026-11-22T01:30:00Z");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
