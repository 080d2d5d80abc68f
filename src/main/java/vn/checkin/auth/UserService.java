package vn.checkin.auth;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import vn.checkin.audit.AuditAction;
import vn.checkin.audit.AuditTrail;
import vn.checkin.common.ApiException;
import vn.checkin.common.PageResponse;
import vn.checkin.site.SiteRepository;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static vn.checkin.auth.UserRequests.CreateUser;
import static vn.checkin.auth.UserRequests.UpdateUser;
import static vn.checkin.auth.UserRequests.UserView;

/** Staff accounts: login, creation, changes. */
@ApplicationScoped
public class UserService {

    private final UserRepository users;
    private final SiteRepository sites;
    private final TokenService tokens;
    private final LoginThrottle throttle;
    private final AuditTrail audit;
    private final Sessions sessions;
    private final AuthConfig config;
    private final Clock clock;

    UserService(UserRepository users, SiteRepository sites, TokenService tokens, LoginThrottle throttle,
                AuditTrail audit, Sessions sessions, AuthConfig config, Clock clock) {
        this.users = users;
        this.sites = sites;
        this.tokens = tokens;
        this.throttle = throttle;
        this.audit = audit;
        this.sessions = sessions;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Checks a login and opens its session. The attempt is counted before the password is checked (past the limits
     * 429, with no password check), and no transaction is held while the password hash is computed.
     */
    public TokenService.IssuedToken login(String username, String password, String address) {
        String name = username.trim().toLowerCase();
        throttle.attempt(name, address);
        AppUser user = QuarkusTransaction.requiringNew().call(() -> users.byUsername(name).orElse(null));
        if (user == null) {
            Passwords.burnTime(password);
        }
        if (user == null || !user.active || !Passwords.matches(password, user.passwordHash)) {
            throw ApiException.unauthorized("Wrong username or password.");
        }
        throttle.succeeded(name, address);
        // Opened with the version read above: if the account changed meanwhile, this session is refused at once.
        StaffSession session = sessions.open(user, config.tokenLifetime());
        return tokens.issue(user, session);
    }

    @Transactional
    public UserView create(CreateUser request) {
        if (users.byUsername(request.username()).isPresent()) {
            throw ApiException.conflict("duplicate-username", "A user with this username already exists.");
        }
        AppUser user = new AppUser();
        user.id = UUID.randomUUID();
        user.username = request.username();
        user.passwordHash = Passwords.hash(request.password());
        user.displayName = request.displayName();
        user.active = true;
        user.createdAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        user.roles = checkedRoles(request.roles());
        user.siteIds = checkedSites(request.siteIds(), user.roles);
        users.persist(user);
        audit.record(AuditAction.USER_CREATE, user.id, Map.of("username", user.username, "roles", user.roles));
        return UserView.of(user);
    }

    @Transactional
    public PageResponse<UserView> list(int page, int size) {
        var query = users.findAll(io.quarkus.panache.common.Sort.by("username"));
        return new PageResponse<>(query.page(page, size).list().stream().map(UserView::of).toList(),
                query.count(), page, size);
    }

    @Transactional
    public UserView get(UUID id) {
        return UserView.of(find(id));
    }

    @Transactional
    public UserView update(UUID id, UpdateUser request, String actingUsername) {
        AppUser user = find(id);
        boolean self = user.username.equals(actingUsername);
        Set<String> rolesBefore = Set.copyOf(user.roles);
        Set<UUID> sitesBefore = Set.copyOf(user.siteIds);
        boolean activeBefore = user.active;
        if (request.displayName() != null) {
            user.displayName = request.displayName();
        }
        if (request.password() != null) {
            user.passwordHash = Passwords.hash(request.password());
        }
        if (request.roles() != null) {
            Set<String> roles = checkedRoles(request.roles());
            if (self && !roles.contains(Roles.ADMIN)) {
                throw ApiException.conflict("self-demotion", "You cannot remove your own administrator role.");
            }
            user.roles = roles;
        }
        if (request.siteIds() != null || request.roles() != null) {
            user.siteIds = checkedSites(request.siteIds() != null ? request.siteIds() : user.siteIds, user.roles);
        }
        if (request.active() != null) {
            if (self && !request.active()) {
                throw ApiException.conflict("self-deactivation", "You cannot deactivate your own account.");
            }
            user.active = request.active();
        }
        boolean revoke = request.password() != null || !rolesBefore.equals(user.roles)
                || !sitesBefore.equals(user.siteIds) || activeBefore && !user.active;
        if (revoke) {
            // Every token of the account is refused from now on (within the session check interval elsewhere).
            user.tokenVersion++;
            sessions.endAllOf(user.id, user.active ? "ACCOUNT_CHANGED" : "DEACTIVATED");
        }
        Map<String, Object> changed = new LinkedHashMap<>();
        changed.put("password", request.password() == null ? null : "changed");
        changed.put("roles", request.roles());
        changed.put("siteIds", request.siteIds());
        changed.put("active", request.active());
        changed.put("sessionsEnded", revoke ? true : null);
        audit.record(AuditAction.USER_UPDATE, user.id, changed);
        return UserView.of(user);
    }

    private AppUser find(UUID id) {
        return users.findByIdOptional(id).orElseThrow(() -> ApiException.notFound("User " + id));
    }

    private static Set<String> checkedRoles(Set<String> requested) {
        Set<String> roles = new HashSet<>();
        for (String role : requested) {
            String normalised = role.trim().toUpperCase();
            if (!Roles.ALL.contains(normalised)) {
                throw ApiException.invalid("roles", "must be ADMIN, RECEPTION or TRACER");
            }
            roles.add(normalised);
        }
        if (roles.isEmpty()) {
            throw ApiException.invalid("roles", "must not be empty");
        }
        return roles;
    }

    private Set<UUID> checkedSites(Set<UUID> requested, Set<String> roles) {
        Set<UUID> siteIds = requested == null ? new HashSet<>() : new HashSet<>(requested);
        if (roles.contains(Roles.RECEPTION) && siteIds.isEmpty()) {
            throw ApiException.invalid("siteIds", "reception staff need at least one site");
        }
        if (!siteIds.isEmpty() && sites.count("id in ?1", siteIds) != siteIds.size()) {
            throw ApiException.invalid("siteIds", "contains a site that does not exist");
        }
        return siteIds;
    }
}
