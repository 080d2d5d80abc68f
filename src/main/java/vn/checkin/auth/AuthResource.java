package vn.checkin.auth;

import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/v1/auth")
@Tag(name = "Auth", description = "Staff login")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {

    private final UserService users;
    private final Sessions sessions;
    private final CurrentUser currentUser;

    AuthResource(UserService users, Sessions sessions, CurrentUser currentUser) {
        this.users = users;
        this.sessions = sessions;
        this.currentUser = currentUser;
    }

    @POST
    @Path("/token")
    @PermitAll
    @Operation(summary = "Log in", description = "Exchanges a username and password for a signed bearer token. "
            + "Wrong credentials answer 401; repeated failures answer 429 with Retry-After.")
    public TokenResponse token(@Valid @NotNull LoginRequest login, HttpServerRequest request) {
        String address = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        TokenService.IssuedToken token = users.login(login.username(), login.password(), address);
        return new TokenResponse(token.accessToken(), "Bearer", token.expiresIn(), token.roles());
    }

    @POST
    @Path("/logout")
    @RolesAllowed({Roles.ADMIN, Roles.RECEPTION, Roles.TRACER})
    @SecurityRequirement(name = "jwt")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Log out", description = "Ends the session of this token: 204, and the token is refused "
            + "(401 revoked-token) from then on, on every instance. The user's other logins stay valid.")
    public Response logout() {
        sessions.end(currentUser.sessionId(), "LOGOUT");
        return Response.noContent().build();
    }

    public record LoginRequest(@NotBlank @Size(max = 64) String username,
                               @NotBlank @Size(max = 128) String password) {
    }

    public record TokenResponse(String accessToken, String tokenType, long expiresIn, List<String> roles) {
    }
}
