package vn.checkin.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

/**
 * The application's clock fixed at {@link #NOW}, for tests of the scheduled jobs as the scheduler runs them.
 * Only active under {@link Profile}: tokens issued at that instant would be expired for every other test.
 */
@Alternative
@Singleton
public class FixedClock {

    public static final Instant NOW = Instant.parse("2020-02-01T10:00:00Z");

    @Produces
    @Singleton
    @Alternative
    Clock fixed() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    /** A test profile with the fixed clock selected. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(FixedClock.class);
        }
    }
}
