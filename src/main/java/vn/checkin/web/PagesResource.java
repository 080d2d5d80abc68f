package vn.checkin.web;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The service's pages. All are static: their scripts (under {@code /assets}) call the API, which does every check.
 * The visitor page is what a scanned QR code opens ({@code /c/{siteCode}?v=..&s=..}); the staff pages ask for a
 * login and keep the token in the browser tab only.
 */
@Path("/")
@Tag(name = "Pages")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class PagesResource {

    private static final String VISITOR = load("web/visitor.html");
    private static final String RECEPTION = load("web/reception.html");
    private static final String KIOSK = load("web/kiosk.html");
    private static final String TRACING = load("web/tracing.html");
    private static final String ADMIN = load("web/admin.html");
    private static final String AUDIT = load("web/audit.html");

    @GET
    @Path("c/{siteCode}")
    @Operation(summary = "The visitor check-in page", description = "What the QR code opens; Vietnamese first.")
    public Response visitor(@PathParam("siteCode") String siteCode) {
        return page(VISITOR);
    }

    @GET
    @Path("reception")
    @Operation(summary = "The reception page", description = "Today's log, occupancy, staff entry and checkout.")
    public Response reception() {
        return page(RECEPTION);
    }

    @GET
    @Path("reception/kiosk")
    @Operation(summary = "The entrance kiosk screen", description = "A site's short-lived QR code, large, renewed "
            + "before it expires (?site={siteId}), on a kiosk token enrolled for the site (entered once, or opened as "
            + "#kiosk={token}, and kept by the browser); it never asks for a staff login.")
    public Response kiosk() {
        return page(KIOSK);
    }

    @GET
    @Path("tracing")
    @Operation(summary = "The tracing page", description = "Run a tracing query, see F1/F2 explained, export.")
    public Response tracing() {
        return page(TRACING);
    }

    @GET
    @Path("admin")
    @Operation(summary = "The administration page", description = "Sites, QR codes, posters and staff accounts.")
    public Response admin() {
        return page(ADMIN);
    }

    @GET
    @Path("audit")
    @Operation(summary = "The audit trail page", description = "Who read, exported or changed what, filtered by "
            + "actor, action, target and period: administrators see everyone's entries, tracing officers their own.")
    public Response audit() {
        return page(AUDIT);
    }

    @GET
    @Path("admin/audit")
    @Operation(summary = "The audit trail page, under administration", description = "The same page as /audit, at "
            + "the address the contract gives it.")
    public Response adminAudit() {
        return page(AUDIT);
    }

    private static Response page(String html) {
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .build();
    }

    private static String load(String resource) {
        try (InputStream in = PagesResource.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
