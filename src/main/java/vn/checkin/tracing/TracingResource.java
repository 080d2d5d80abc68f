package vn.checkin.tracing;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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

import java.util.UUID;

import static vn.checkin.tracing.TracingRequests.TracingRequest;
import static vn.checkin.tracing.TracingViews.TracingResult;

@Path("/api/v1/tracing/queries")
@Tag(name = "Tracing", description = "Who was on site with a case: F1 and F2 contacts with their overlap")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.ADMIN, Roles.TRACER})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TracingResource {

    private final TracingService tracing;
    private final TracingExporter exporter;
    private final CurrentUser user;

    TracingResource(TracingService tracing, TracingExporter exporter, CurrentUser user) {
        this.tracing = tracing;
        this.exporter = exporter;
        this.user = user;
    }

    @POST
    @Operation(summary = "Run a tracing query", description = "The case by phone, ID number or visit; its visits "
            + "intersecting [from, to); contacts are other persons' visits at the same site overlapping a case stay "
            + "(extended by bufferMinutes after it left) for at least minOverlapMinutes. depth 2 adds F2 contacts. "
            + "The query and its result are stored.")
    public Response run(@Valid @NotNull TracingRequest request, UriInfo uri) {
        TracingResult result = tracing.run(request, user.username());
        return Response.created(uri.getAbsolutePathBuilder().path(result.id().toString()).build())
                .entity(result).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A stored tracing query", description = "Officers read their own; administrators all.")
    public Response get(@PathParam("id") UUID id) {
        return Response.ok(tracing.get(id, user.username(), user.isAdmin()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @GET
    @Path("/{id}/export")
    @Produces({"text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/pdf",
        MediaType.APPLICATION_JSON})
    @Operation(summary = "Export a stored query", description = "csv (UTF-8 with BOM, formula cells neutralised), "
            + "xlsx (header row, dates as dates) or pdf (A4, criteria and officer on top). Streamed; audited.")
    public Response export(@PathParam("id") UUID id,
                           @QueryParam("format") @DefaultValue("csv") @Pattern(regexp = "csv|xlsx|pdf") String format) {
        ExportFormat exportFormat = ExportFormat.valueOf(format.toUpperCase());
        String reader = user.username();
        exporter.authorise(id, exportFormat, reader, user.isAdmin());
        StreamingOutput body = out -> exporter.write(id, exportFormat, reader, out);
        return Response.ok(body, exportFormat.mediaType())
                .header("Content-Disposition", "attachment; filename=\"tracing-" + id + "." + exportFormat.extension()
                        + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }
}
