package vn.checkin.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.checkin.auth.CurrentUser;
import vn.checkin.auth.Roles;
import vn.checkin.common.PageResponse;


@Path("/api/v1/audit")
@Tag(name = "Audit", description = "Who ran tracing queries, viewed logs and exported personal data")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.ADMIN, Roles.TRACER})
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final AuditTrail audit;
    private final CurrentUser user;

    AuditResource(AuditTrail audit, CurrentUser user) {
        this.audit = audit;
        this.user = user;
    }

    @GET
    @Operation(summary = "The audit trail", description = "Newest first, filtered by actor, action, target (each an "
            + "exact match) and time (from inclusive, to exclusive, ISO-8601 instants). Administrators see every "
            + "entry; tracing officers see their own. A reception screen's log views are recorded when it opens "
            + "the log and when its site, day or filter changes, not for each refresh.")
    public PageResponse<AuditTrail.AuditView> list(
            @QueryParam("actor") String actor,
            @QueryParam("action") @Schema(type = SchemaType.STRING, implementation = AuditAction.class) String action,
            @QueryParam("target") String target,
            @QueryParam("from") @Schema(type = SchemaType.STRING, format = "date-time") String from,
            @QueryParam("to") @Schema(type = SchemaType.STRING, format = "date-time") String to,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        AuditFilter filter = AuditFilter.of(actor, action, target, from, to);
        return audit.list(user.isAdmin() ? filter : filter.ofActor(user.username()), page, size);
    }
}
