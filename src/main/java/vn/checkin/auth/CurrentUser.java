package vn.checkin.auth;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.checkin.common.ApiException;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** Who is calling, and which sites they may see. Site scope is checked here for every staff endpoint. */
@RequestScoped
public class CurrentUser {

    private final SecurityIdentity identity;
    private final JsonWebToken jwt;
    private Set<UUID> sites;

    CurrentUser(SecurityIdentity identity, JsonWebToken jwt) {
        this.identity = identity;
        this.jwt = jwt;
    }

    public String username() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    /**
     * The login session the caller's token belongs to ({@code sid} claim), or null for a call without a staff token.
     * Audit entries name it, so that one reception screen's reads can be told from another's.
     */
    public UUID sessionId() {
        return identity.isAnonymous() ? null : uuidClaim(jwt, "sid");
    }

    /** A claim holding a UUID, or null when it is absent or not a UUID (a claim we did not issue). */
    static UUID uuidClaim(JsonWebToken jwt, String name) {
        Object claim = jwt.getClaim(name);
        String value = claim instanceof JsonString s ? s.getString() : claim == null ? null : claim.toString();
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public boolean isAdmin() {
        return identity.hasRole(Roles.ADMIN);
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    /** Sites this caller may see: null means all of them. */
    public Set<UUID> visibleSites() {
        if (isAdmin() || hasRole(Roles.TRACER)) {
            return null;
        }
        return receptionSites();
    }

    public void requireSite(UUID siteId) {
        Set<UUID> visible = visibleSites();
        if (visible != null && !visible.contains(siteId)) {
            throw ApiException.forbidden("You are not assigned to this site.");
        }
    }

    /** Reception staff of the site, or an administrator. Tracers do not run reception desks. */
    public void requireReception(UUID siteId) {
        if (isAdmin()) {
            return;
        }
        if (!hasRole(Roles.RECEPTION) || !receptionSites().contains(siteId)) {
            throw ApiException.forbidden("You are not assigned to this site.");
        }
    }

    /** A kiosk token of the site (a kiosk's one site is its sites claim), or reception staff of it, or an admin. */
    public void requireKioskOrReception(UUID siteId) {
        if (hasRole(Roles.KIOSK)) {
            if (!receptionSites().contains(siteId)) {
                throw ApiException.forbidden("This kiosk is enrolled for another site.");
            }
            return;
        }
        requireReception(siteId);
    }

    private Set<UUID> receptionSites() {
        if (sites == null) {
            Set<UUID> parsed = new HashSet<>();
            Object claim = jwt.getClaim("sites");
            if (claim instanceof JsonArray array) {
                array.forEach(v -> addSite(parsed, v instanceof JsonString s ? s.getString() : v.toString()));
            } else if (claim instanceof Collection<?> values) {
                values.forEach(v -> addSite(parsed, String.valueOf(v)));
            }
            sites = Set.copyOf(parsed);
        }
        return sites;
    }

    private static void addSite(Set<UUID> sites, String value) {
        try {
            sites.add(UUID.fromString(value));
        } catch (IllegalArgumentException ignored) {
            // A claim we did not issue: contributes no site.
        }
    }
}
