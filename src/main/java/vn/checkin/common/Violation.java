package vn.checkin.common;

/** One invalid field of a request: {@code field} is the JSON path, e.g. {@code visitor.phone}. */
public record Violation(String field, String message) {
}
