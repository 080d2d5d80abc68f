package vn.checkin.site;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.checkin.auth.CurrentUser;
import vn.checkin.auth.Roles;

import java.util.UUID;

/** The reception kiosk screen: a QR code that changes every minute, so a photo of it is soon useless. */
@Path("/api/v1/sites/{siteId}/kiosk-qr")
@Tag(name = "Sites")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.ADMIN, Roles.RECEPTION, Roles.KIOSK})
@Produces(MediaType.APPLICATION_JSON)
public class KioskResource {

    private final EntranceCodes codes;
    private final CurrentUser user;

    KioskResource(EntranceCodes codes, CurrentUser user) {
        this.codes = codes;
        this.user = user;
    }

    @GET
    @Operation(summary = "A short-lived kiosk QR code", description = "{url, issuedAt, expiresAt, lifetimeSeconds, "
            + "svg}: the signed check-in URL carries its issue time and is refused after expiresAt (checkin.kiosk."
            + "code-lifetime, 60 s by default), and the site's id and name. A kiosk token of the site, reception staff "
            + "of the site, or an administrator.")
    public Response kioskCode(@PathParam("siteId") UUID siteId) {
        user.requireKioskOrReception(siteId);
        return Response.ok(codes.kioskCode(siteId)).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
