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
 * The page a scanned QR code opens, {@code /c/{siteCode}?v=..&s=..}. The page is static; its script reads the code
 * from the address and talks to the public check-in API, which verifies the signature.
 */
@Path("/c/{siteCode}")
@Tag(name = "Pages")
@PermitAll
public class VisitorPageResource {

    private static final String PAGE = load("web/visitor.html");

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The visitor check-in page", description = "What the QR code opens; Vietnamese first.")
    public Response page(@PathParam("siteCode") String siteCode) {
        return Response.ok(PAGE, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .build();
    }

    private static String load(String resource) {
        try (InputStream in = VisitorPageResource.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
