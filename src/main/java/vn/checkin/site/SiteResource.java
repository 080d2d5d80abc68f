package vn.checkin.site;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.checkin.auth.CurrentUser;
import vn.checkin.auth.Roles;
import vn.checkin.common.PageResponse;
import vn.checkin.common.SearchText;

import java.util.UUID;

import static vn.checkin.site.SiteRequests.CreateSite;
import static vn.checkin.site.SiteRequests.PatchSite;
import static vn.checkin.site.SiteRequests.SiteView;

@Path("/api/v1/sites")
@Tag(name = "Sites", description = "Offices and reception points, their QR codes")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SiteResource {

    private final SiteService sites;
    private final CurrentUser user;

    SiteResource(SiteService sites, CurrentUser user) {
        this.sites = sites;
        this.user = user;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create a site", description = "The code is a unique slug printed in the QR URL; duplicate: 409.")
    public Response create(@Valid @NotNull CreateSite request, UriInfo uri) {
        SiteView site = sites.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(site.id().toString()).build()).entity(site).build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.TRACER, Roles.RECEPTION})
    @Operation(summary = "List sites", description = "Reception staff see only their own sites. q finds a text "
            + "in the name, code or organization without regard to diacritics or case (at most 100 characters).")
    public PageResponse<SiteView> list(@QueryParam("q") @Size(max = SearchText.MAX_QUERY) String q, @QueryParam("active") Boolean active,
                                       @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                       @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        return sites.list(user.visibleSites(), q, active, page, size);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.TRACER, Roles.RECEPTION})
    @Operation(summary = "Get a site")
    public SiteView get(@PathParam("id") UUID id) {
        user.requireSite(id);
        return sites.get(id);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Change a site", description = "Only the fields sent change. The code cannot change.")
    public SiteView patch(@PathParam("id") UUID id, @Valid @NotNull PatchSite request) {
        return sites.patch(id, request);
    }

    @POST
    @Path("/{id}/qr/rotate")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Rotate the QR code", description = "Raises qrVersion; codes of older versions are refused.")
    public SiteView rotate(@PathParam("id") UUID id) {
        return sites.rotate(id);
    }

    @GET
    @Path("/{id}/poster")
    @RolesAllowed({Roles.ADMIN, Roles.RECEPTION})
    @Produces("application/pdf")
    @Operation(summary = "Printable A4 poster", description = "The QR code, the site's name and how to check in, "
            + "in Vietnamese and English.")
    public Response poster(@PathParam("id") UUID id) {
        user.requireReception(id);
        SiteView site = sites.get(id);
        byte[] pdf = PosterRenderer.render(site.name(), site.address(), site.checkinUrl(), site.qrVersion());
        return Response.ok(pdf, "application/pdf")
                .header("Content-Disposition", "attachment; filename=\"poster-" + site.code() + "-v" + site.qrVersion()
                        + ".pdf\"")
                .build();
    }

    @GET
    @Path("/{id}/qr")
    @RolesAllowed({Roles.ADMIN, Roles.RECEPTION})
    @Produces({"image/png", "image/svg+xml"})
    @Operation(summary = "The site's QR code", description = "PNG or SVG, size in pixels (128 to 2048), "
            + "error correction M, four-module quiet zone; encodes the signed check-in URL.")
    public Response qr(@PathParam("id") UUID id,
                       @QueryParam("format") @DefaultValue("png") @Pattern(regexp = "png|svg") String format,
                       @QueryParam("size") @DefaultValue("512") @Min(128) @Max(2048) int size) {
        user.requireReception(id);
        String url = sites.checkinUrl(id);
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        if ("svg".equals(format)) {
            return Response.ok(QrImages.svg(url, size), "image/svg+xml").cacheControl(noStore).build();
        }
        return Response.ok(QrImages.png(url, size), "image/png").cacheControl(noStore).build();
    }
}
