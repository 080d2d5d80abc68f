package vn.checkin.visit;

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

/** Counters for the reception screen. */
@Path("/api/v1/sites/{siteId}/occupancy")
@Tag(name = "Reception")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.ADMIN, Roles.RECEPTION})
@Produces(MediaType.APPLICATION_JSON)
public class OccupancyResource {

    private final ReceptionService reception;
    private final CurrentUser user;

    OccupancyResource(ReceptionService reception, CurrentUser user) {
        this.reception = reception;
        this.user = user;
    }

    @GET
    @Operation(summary = "Who is on site", description = "Open visits now, check-ins and flagged check-ins today.")
    public Response occupancy(@PathParam("siteId") UUID siteId) {
        user.requireReception(siteId);
        return Response.ok(reception.occupancy(siteId)).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
