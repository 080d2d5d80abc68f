package vn.checkin.auth;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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
import vn.checkin.common.PageResponse;

import java.util.UUID;

import static vn.checkin.auth.UserRequests.CreateUser;
import static vn.checkin.auth.UserRequests.UpdateUser;
import static vn.checkin.auth.UserRequests.UserView;

@Path("/api/v1/users")
@Tag(name = "Users", description = "Staff accounts (administrators only)")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserResource {

    private final UserService users;
    private final CurrentUser currentUser;

    UserResource(UserService users, CurrentUser currentUser) {
        this.users = users;
        this.currentUser = currentUser;
    }

    @POST
    @Operation(summary = "Create a staff account",
            description = "Roles ADMIN, RECEPTION (needs siteIds) or TRACER. Duplicate username: 409.")
    public Response create(@Valid @NotNull CreateUser request, UriInfo uri) {
        UserView user = users.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(user.id().toString()).build()).entity(user).build();
    }

    @GET
    @Operation(summary = "List staff accounts", description = "Sorted by username, paged.")
    public PageResponse<UserView> list(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                       @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        return users.list(page, size);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a staff account")
    public UserView get(@PathParam("id") UUID id) {
        return users.get(id);
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Change a staff account",
            description = "Only the fields sent change: display name, password, roles, sites, active.")
    public UserView update(@PathParam("id") UUID id, @Valid @NotNull UpdateUser request) {
        return users.update(id, request, currentUser.username());
    }
}
