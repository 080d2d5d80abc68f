package vn.checkin.common;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Answers a request whose declared body is over {@code quarkus.http.limits.max-body-size} with 413 as
 * problem+json, before anything reads it. Without this the HTTP layer answers a bare 413 with an empty body.
 * A chunked body (no Content-Length) that grows past the limit is still cut off by that layer.
 */
@ApplicationScoped
public class BodyLimit {

    /** Before the routes that read bodies and before the platform's own size check. */
    private static final int ORDER = -10_000;

    private final long maxBytes;

    BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize) {
        this.maxBytes = maxBodySize.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    private void check(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared == null || !tooLarge(declared)) {
            context.next();
            return;
        }
        JsonObject problem = new JsonObject()
                .put("type", "/problems/payload-too-large")
                .put("title", "Payload Too Large")
                .put("status", 413)
                .put("detail", "The request body is larger than " + maxBytes / 1024 + " KB.")
                .put("instance", context.request().path());
        context.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(problem.encode());
    }

    private boolean tooLarge(String declared) {
        try {
            return Long.parseLong(declared.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
