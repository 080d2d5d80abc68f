package vn.checkin.site;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.checkin.auth.CurrentUser;
import vn.checkin.auth.Roles;
import vn.checkin.common.PageResponse;

import java.util.UUID;

/** Entrance screens enrolled for a site: an administrator or the site's reception enrols, lists and revokes them. */
@Path("/api/v1/sites/{siteId}/kiosks")
@Tag(name = "Kiosk devices", description = "Entrance screens that show a site's kiosk codes without a staff login")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.ADMIN, Roles.RECEPTION})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class KioskDeviceResource {

    private final KioskDevices kiosks;
    private final CurrentUser user;

    KioskDeviceResource(KioskDevices kiosks, CurrentUser user) {
        this.kiosks = kiosks;
        this.user = user;
    }

    @POST
    @Operation(summary = "Enrol a kiosk", description = "{name} → 201 {id, name, siteId, kioskToken, createdAt}. The "
            + "token is shown this once; it never expires and fetches only this site's kiosk codes until the kiosk "
            + "is revoked. Open /reception/kiosk?site={siteId}#kiosk={kioskToken} on the device.")
    public Response enrol(@PathParam("siteId") UUID siteId, @Valid @NotNull EnrolKiosk request, UriInfo uri) {
        user.requireReception(siteId);
        KioskDevices.Enrolled enrolled = kiosks.enrol(siteId, request.name(), user.username());
        return Response.created(uri.getAbsolutePathBuilder().path(enrolled.id().toString()).build())
                .entity(enrolled).build();
    }

    @GET
    @Operation(summary = "The site's kiosks", description = "Newest first, revoked ones included unless "
            + "revoked=false; lastSeenAt is when the kiosk last fetched a code (to the minute).")
    public PageResponse<KioskDevices.KioskView> list(@PathParam("siteId") UUID siteId,
                                                     @QueryParam("revoked") Boolean revoked,
                                                     @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                                     @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        user.requireReception(siteId);
        return kiosks.list(siteId, revoked, page, size);
    }

    @DELETE
    @Path("/{kioskId}")
    @Operation(summary = "Revoke a kiosk", description = "204; its token is refused (401) from then on, on every "
            + "instance. Revoking a revoked kiosk is a 204 as well; a kiosk of another site is a 404.")
    public Response revoke(@PathParam("siteId") UUID siteId, @PathParam("kioskId") UUID kioskId) {
        user.requireReception(siteId);
        kiosks.revoke(siteId, kioskId, user.username());
        return Response.noContent().build();
    }

    public record EnrolKiosk(@NotBlank @Size(max = 80) String name) {
    }
}
