package vn.checkin.auth;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

/**
 * On first start with no user at all, creates {@code admin} with CHECKIN_ADMIN_PASSWORD, or with a
 * generated password that is written to the log this one time.
 */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final UserRepository users;
    private final AuthConfig config;
    private final Clock clock;

    AdminBootstrap(UserRepository users, AuthConfig config, Clock clock) {
        this.users = users;
        this.config = config;
        this.clock = clock;
    }

    void onStart(@Observes @Priority(20) StartupEvent event) {
        try {
            QuarkusTransaction.requiringNew().run(this::createAdminIfNoUsers);
        } catch (RuntimeException e) {
            if (QuarkusTransaction.requiringNew().call(users::count) == 0) {
                throw e;
            }
            // Another replica created it at the same moment.
        }
    }

    private void createAdminIfNoUsers() {
        if (users.count() > 0) {
            return;
        }
        boolean generated = config.adminPassword().filter(p -> !p.isBlank()).isEmpty();
        String password = generated ? randomPassword() : config.adminPassword().get();
        AppUser admin = new AppUser();
        admin.id = UUID.randomUUID();
        admin.username = "admin";
        admin.displayName = "Administrator";
        admin.passwordHash = Passwords.hash(password);
        admin.active = true;
        admin.createdAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        admin.roles = Set.of(Roles.ADMIN);
        users.persist(admin);
        users.flush();
        if (generated) {
            LOG.warnf("Created the first administrator 'admin' with the generated password: %s "
                    + "(shown once; change it, or set CHECKIN_ADMIN_PASSWORD before the first start)", password);
        } else {
            LOG.info("Created the first administrator 'admin' with the password from CHECKIN_ADMIN_PASSWORD");
        }
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
