package vn.checkin.common;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import vn.checkin.auth.RevokedTokenException;

import java.io.CharConversionException;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The one place where failures become problem+json (RFC 9457). Bodies never carry stack traces,
 * class names or request values; unexpected errors are logged with an id the user can quote.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response apiException(ApiException e, HttpServerRequest request) {
        Response.ResponseBuilder builder = problem(e.status(), e.type(), e.title(), e.getMessage(),
                request, e.violations());
        if (e.retryAfter() != null) {
            builder.header(HttpHeaders.RETRY_AFTER, Math.max(1, e.retryAfter().toSeconds()));
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, HttpServerRequest request) {
        List<Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Violation(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Violation::field))
                .collect(Collectors.toList());
        return problem(400, "validation", "Invalid request", "The request has invalid fields.", request,
                violations).build();
    }

    @ServerExceptionMapper({JsonProcessingException.class})
    public Response json(JsonProcessingException e, HttpServerRequest request) {
        return jsonProblem(e, request);
    }

    /** Mappers are chosen by the closest exception type, so Jackson's own subtypes need naming here. */
    @ServerExceptionMapper({MismatchedInputException.class})
    public Response mismatchedInput(MismatchedInputException e, HttpServerRequest request) {
        return jsonProblem(e, request);
    }

    @ServerExceptionMapper({JsonParseException.class})
    public Response jsonParse(JsonParseException e, HttpServerRequest request) {
        return jsonProblem(e, request);
    }

    /**
     * A body that is not text in any Unicode encoding (the fuzzer's {@code "N\0\0\0\0"}: Jackson guesses UTF-32 from the
     * zero bytes, then fails to decode it) is malformed JSON too, not an internal error.
     */
    @ServerExceptionMapper({CharConversionException.class})
    public Response undecodable(CharConversionException e, HttpServerRequest request) {
        return problem(400, "malformed-json", "Malformed JSON", "The request body is not valid JSON.", request, null)
                .build();
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, HttpServerRequest request) {
        return notLoggedIn(request);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, HttpServerRequest request) {
        if (RevokedTokenException.isCauseOf(e)) {
            return problem(401, "revoked-token", "Unauthorized", "This token has been revoked (logout, an account "
                    + "change or a revoked kiosk); log in again.", request, null)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"").build();
        }
        return notLoggedIn(request);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return problem(403, "forbidden", "Forbidden", "Your role does not allow this.", request, null).build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, HttpServerRequest request) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return jsonProblem(json, request);
        }
        if (e instanceof NotFoundException && e.getCause() != null) {
            // A path or query parameter that cannot be converted (size=big, status=FOO, a malformed id).
            return problem(400, "bad-parameter", "Bad request", "A parameter has a value of the wrong type.",
                    request, null).build();
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, request);
        }
        return problem(status, slug(status), titleOf(status), detailOf(status), request, null).build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, HttpServerRequest request) {
        if (DatabaseErrors.isUnavailable(e)) {
            LOG.warnf("Database unavailable: %s", e.getClass().getSimpleName());
            return problem(503, "database-unavailable", "Service unavailable",
                    "The database is not reachable; try again shortly.", request, null)
                    .header(HttpHeaders.RETRY_AFTER, 5).build();
        }
        String errorId = UUID.randomUUID().toString();
        // Messages of persistence exceptions can quote submitted values: log only the classes here.
        LOG.errorf("Unexpected error %s on %s %s: %s", errorId, request.method(), request.path(), causeChain(e));
        LOG.debugf(e, "Unexpected error %s", errorId);
        return problem(500, "internal-error", "Internal error",
                "Something went wrong on our side. Error id: " + errorId, request, null).build();
    }

    private Response jsonProblem(JsonProcessingException e, HttpServerRequest request) {
        if (e instanceof JsonMappingException mapping && !isSyntaxError(e) && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return problem(400, "validation", "Invalid request", "The request has invalid fields.", request,
                    List.of(new Violation(field, "has a value of the wrong type or an unknown value"))).build();
        }
        return problem(400, "malformed-json", "Malformed JSON", "The request body is not valid JSON.",
                request, null).build();
    }

    /** Jackson wraps a syntax error inside a nested object in a mapping error that carries a field path. */
    private static boolean isSyntaxError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonParseException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private Response notLoggedIn(HttpServerRequest request) {
        return problem(401, "unauthorized", "Unauthorized", "Log in and send a valid bearer token.", request, null)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    static Response.ResponseBuilder problem(int status, String type, String title, String detail,
                                            HttpServerRequest request, List<Violation> violations) {
        String instance = request == null ? null : request.path();
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(new Problem("/problems/" + type, title, status, detail, instance, violations));
    }

    private static String fieldOf(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER
                    || node.getKind() == ElementKind.CROSS_PARAMETER || node.getKind() == ElementKind.RETURN_VALUE) {
                continue;
            }
            // A record component cannot be named after a Java keyword: report the JSON name.
            String name = "caseRef".equals(node.getName()) ? "case" : node.getName();
            if (node.getIndex() != null && name != null) {
                field.append(field.isEmpty() ? "" : ".").append(name).append('[').append(node.getIndex()).append(']');
            } else if (name != null) {
                field.append(field.isEmpty() ? "" : ".").append(name);
            }
        }
        if (field.isEmpty()) {
            // A constraint on the parameter itself (e.g. a missing body): name the parameter.
            for (Path.Node node : violation.getPropertyPath()) {
                if (node.getKind() == ElementKind.PARAMETER) {
                    return node.getName();
                }
            }
            return "body";
        }
        return field.toString();
    }

    private static String causeChain(Throwable e) {
        StringBuilder chain = new StringBuilder();
        for (Throwable t = e; t != null && chain.length() < 500; t = t.getCause()) {
            chain.append(chain.isEmpty() ? "" : " <- ").append(t.getClass().getName());
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                chain.append(" (SQL state ").append(sql.getSQLState()).append(')');
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return chain.toString();
    }

    private static String slug(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            default -> "http-" + status;
        };
    }

    private static String titleOf(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase() : "Error";
    }

    private static String detailOf(int status) {
        return switch (status) {
            case 404 -> "No resource at this address.";
            case 405 -> "This method is not allowed here.";
            case 406 -> "The requested representation is not available.";
            case 413 -> "The request body is too large.";
            case 415 -> "Send the body as application/json.";
            default -> "The request cannot be served.";
        };
    }
}
