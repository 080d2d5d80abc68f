package vn.checkin.visit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

import static vn.checkin.visit.VisitViews.CheckoutResponse;

/** One visit seen by reception: read it, check the visitor out (they forgot, or have no phone). */
@Path("/api/v1/visits/{visitId}")
@Tag(name = "Reception")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.ADMIN, Roles.RECEPTION})
@Produces(MediaType.APPLICATION_JSON)
public class VisitResource {

    private final ReceptionService reception;
    private final CurrentUser user;

    VisitResource(ReceptionService reception, CurrentUser user) {
        this.reception = reception;
        this.user = user;
    }

    @GET
    @Operation(summary = "A visit", description = "Reception staff of the visit's site, or an administrator.")
    public Response get(@PathParam("visitId") UUID visitId) {
        user.requireReception(reception.siteOf(visitId));
        return Response.ok(reception.view(visitId)).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @POST
    @Path("/checkout")
    @Operation(summary = "Check a visitor out", description = "Repeating it returns the first checkout.")
    public CheckoutResponse checkout(@PathParam("visitId") UUID visitId) {
        user.requireReception(reception.siteOf(visitId));
        return reception.checkout(visitId, user.username());
    }
}
