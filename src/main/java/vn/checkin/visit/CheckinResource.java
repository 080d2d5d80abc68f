package vn.checkin.visit;

import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.checkin.common.ApiException;

import java.util.UUID;

import static vn.checkin.visit.VisitRequests.CheckinRequest;
import static vn.checkin.visit.VisitRequests.CheckoutRequest;
import static vn.checkin.visit.VisitViews.CheckoutResponse;
import static vn.checkin.visit.VisitViews.VisitView;

/** The visitor's side: anonymous, authorised by the scanned QR code and then by the checkout token. */
@Path("/api/v1/checkins")
@Tag(name = "Check-in", description = "Visitors check in with the scanned QR code and check out with their token")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CheckinResource {

    private final CheckinService checkins;

    CheckinResource(CheckinService checkins) {
        this.checkins = checkins;
    }

    @POST
    @Operation(summary = "Check in", description = "Verifies the QR signature and version, stores the visit and its "
            + "health declaration and returns the checkout token. A forged or outdated code: 400, unknown site: 404, "
            + "nothing stored. With Idempotency-Key a retry returns the same visit (same key, other body: 422). "
            + "Checking in again at a site where the person (phone or ID number) is still on site closes the "
            + "earlier visit (checkoutSource AUTO). Too many check-ins from one address or phone: 429.")
    public Response checkin(@Valid @NotNull CheckinRequest request,
                            @HeaderParam("Idempotency-Key") String idempotencyKey, UriInfo uri,
                            HttpServerRequest http) {
        String address = http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
        CheckinService.CheckinResult result = checkins.checkin(request, idempotencyKey, address);
        return Response.created(uri.getAbsolutePathBuilder().path(result.response().visitId().toString()).build())
                .entity(result.response())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Idempotent-Replayed", result.replayed() ? "true" : null)
                .build();
    }

    @POST
    @Path("/{visitId}/checkout")
    @Operation(summary = "Check out", description = "Closes the visit; repeating it returns the first checkout. "
            + "A wrong token: 403.")
    public CheckoutResponse checkout(@PathParam("visitId") UUID visitId, @Valid @NotNull CheckoutRequest request) {
        return checkins.checkout(visitId, request.checkoutToken());
    }

    @GET
    @Path("/{visitId}")
    @Operation(summary = "The visitor's own visit", description = "Needs the checkout token given at check-in.")
    public Response get(@PathParam("visitId") UUID visitId, @QueryParam("checkoutToken") String checkoutToken) {
        if (checkoutToken == null || checkoutToken.isBlank()) {
            throw ApiException.unauthorized("Send the checkout token given at check-in.");
        }
        VisitView visit = checkins.ownView(visitId, checkoutToken);
        return Response.ok(visit).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
