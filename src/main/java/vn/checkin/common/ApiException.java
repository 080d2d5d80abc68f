package vn.checkin.common;

import java.time.Duration;
import java.util.List;

/**
 * A business rule said no. Carries everything the problem+json body needs; mapped once in
 * {@link ProblemMapper}. The detail text is shown to users, so it never contains personal data.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<Violation> violations;
    private final Duration retryAfter;

    public ApiException(int status, String type, String title, String detail,
                        List<Violation> violations, Duration retryAfter) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.violations = violations;
        this.retryAfter = retryAfter;
    }

    public static ApiException badRequest(String type, String detail) {
        return new ApiException(400, type, "Bad request", detail, null, null);
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(400, "validation", "Invalid request", "The request has invalid fields.",
                List.of(new Violation(field, message)), null);
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(401, "unauthorized", "Unauthorized", detail, null, null);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, "forbidden", "Forbidden", detail, null, null);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not-found", "Not found", what + " does not exist.", null, null);
    }

    public static ApiException conflict(String type, String detail) {
        return new ApiException(409, type, "Conflict", detail, null, null);
    }

    public static ApiException unprocessable(String type, String detail) {
        return new ApiException(422, type, "Unprocessable request", detail, null, null);
    }

    public static ApiException tooManyRequests(String detail, Duration retryAfter) {
        return new ApiException(429, "too-many-requests", "Too many requests", detail, null, retryAfter);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<Violation> violations() {
        return violations;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
