package vn.checkin.visit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.checkin.auth.CurrentUser;
import vn.checkin.auth.Roles;
import vn.checkin.common.Csv;
import vn.checkin.common.Days;
import vn.checkin.common.PageResponse;
import vn.checkin.common.SearchText;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;

import static vn.checkin.visit.VisitRepository.DayLogFilter;
import static vn.checkin.visit.VisitRequests.StaffVisitRequest;
import static vn.checkin.visit.VisitViews.VisitView;

/** Reception staff of a site (and administrators): the day's log, as JSON or CSV, and visitors entered by staff. */
@Path("/api/v1/sites/{siteId}/visits")
@Tag(name = "Reception", description = "The day's log of a site, visitors entered by staff, checkout, occupancy")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.ADMIN, Roles.RECEPTION})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DayLogResource {

    private final ReceptionService reception;
    private final CurrentUser user;

    DayLogResource(ReceptionService reception, CurrentUser user) {
        this.reception = reception;
        this.user = user;
    }
    @GET
    @Operation(summary = "The day's log of a site", description = "Visits whose stay touches the day (site's time "
            + "zone; today by default), newest first, filtered by status, flagged and a text q (name or "
            + "organization without regard to diacritics or case, phone or ID digits; at most 100 characters). Accept: text/csv gives every matching row as CSV.")
    public Response dayLog(@PathParam("siteId") UUID siteId, @QueryParam("date") String date,
                           @QueryParam("status") Visit.Status status, @QueryParam("flagged") Boolean flagged,
                           @QueryParam("q") @Size(max = SearchText.MAX_QUERY) String q,
                           @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                           @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        user.requireReception(siteId);
        PageResponse<VisitView> log = reception.dayLog(siteId, day(date), new DayLogFilter(status, flagged, q),
                page, size);
        return Response.ok(log).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @GET
    @Produces("text/csv")
    @Operation(summary = "The day's log as CSV", description = "UTF-8 with BOM, formula cells neutralised.")
    public Response dayLogCsv(@PathParam("siteId") UUID siteId, @QueryParam("date") String date,
                              @QueryParam("status") Visit.Status status, @QueryParam("flagged") Boolean flagged,
                              @QueryParam("q") @Size(max = SearchText.MAX_QUERY) String q) {
        user.requireReception(siteId);
        ReceptionService.DayRows rows = reception.dayRows(siteId, day(date), new DayLogFilter(status, flagged, q));
        StreamingOutput body = out -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            VisitCsv.write(new Csv(writer), rows.zone(), sink -> reception.forEachDayRow(rows, sink));
            writer.flush();
        };
        String day = date == null ? "today" : date;
        return Response.ok(body, Csv.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"visits-" + rows.siteCode() + "-" + day + ".csv\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    @POST
    @Operation(summary = "Enter a visitor without a phone", description = "Same body as a check-in without the QR; "
            + "a phone number or an ID number is needed so the visitor can be traced.")
    public Response enter(@PathParam("siteId") UUID siteId, @Valid @NotNull StaffVisitRequest request, UriInfo uri) {
        user.requireReception(siteId);
        VisitView visit = reception.enter(siteId, request, user.username());
        return Response.created(uri.getBaseUriBuilder().path("api/v1/visits").path(visit.id().toString()).build())
                .entity(visit).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    private static LocalDate day(String date) {
        return Days.optional(date, "date");
    }
}
