package vn.checkin.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Request and response records of the user administration API. */
public final class UserRequests {

    private UserRequests() {
    }

    public record CreateUser(
            @NotBlank @Pattern(regexp = "[a-z0-9._-]{3,64}", message = "3 to 64 characters: a-z, 0-9, dot, dash, underscore")
            String username,
            @NotBlank @Size(min = 10, max = 128, message = "must be 10 to 128 characters") String password,
            @Size(max = 200) String displayName,
            @NotEmpty Set<@NotBlank String> roles,
            Set<UUID> siteIds) {
    }

    /** PATCH: only the fields present change. */
    public record UpdateUser(
            @Size(min = 10, max = 128, message = "must be 10 to 128 characters") String password,
            @Size(max = 200) String displayName,
            Set<@NotBlank String> roles,
            Set<UUID> siteIds,
            Boolean active) {
    }

    public record UserView(UUID id, String username, String displayName, List<String> roles, List<UUID> siteIds,
                           boolean active, Instant createdAt) {

        static UserView of(AppUser user) {
            return new UserView(user.id, user.username, user.displayName, user.roles.stream().sorted().toList(),
                    user.siteIds.stream().sorted().toList(), user.active, user.createdAt);
        }
    }
}
