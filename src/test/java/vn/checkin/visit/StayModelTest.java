package vn.checkin.visit;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import vn.checkin.common.CheckinConfig;
import vn.checkin.ops.AutoCheckout;
import vn.checkin.ops.RetentionPurge;
import vn.checkin.support.Api;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Model-based test of the stay rules, on whichever database the test profile uses (H2, and PostgreSQL with
 * {@code -Dquarkus.test.profile=test,pg}): random interleavings of QR check-in, checkout (own token, repeated, wrong
 * token, purged visit), staff entry and staff checkout, arrivals of someone already on site in another spelling of
 * their phone or by ID number, auto-checkout, retention purge, time-zone changes and visits inserted straight into
 * the table; after each operation the visit table is compared with {@link StayModel} and the rules of a stay, the
 * stored report days and the summary with a count over the same rows, and now and then a tracing query with a
 * brute-force search ({@link StayChecks}).
 * <p>
 * {@code -Dtest.seed=N} replays a run (the seed is printed, and a failure names it with the operation log);
 * {@code -Dtest.scenarios=N} runs more scenarios; a third of the straight inserts are plain SQL without a person key
 * ({@code -Dtest.sqlLoads=false}: none; see {@link StayTableOperations}). Visits inserted straight arrive on days of 1998, which no other test
 * uses, and everything before 2000 is purged before and after the run, so the auto-checkout and the purge, which act
 * on the whole database, only ever meet this test's visits there.
 */
@QuarkusTest
class StayModelTest {

    private static final Logger LOG = Logger.getLogger(StayModelTest.class);
    private static final LocalDate FIRST_DAY = LocalDate.parse("1998-01-05");
    private static final int DAYS_BETWEEN_SCENARIOS = 12;
    /** The purge before and after a run deletes every visit before this (none but this test's). */
    private static final Instant THIS_TEST_ONLY_BEFORE = Instant.parse("2000-01-01T00:00:00Z");

    @Inject
    AutoCheckout autoCheckout;
    @Inject
    RetentionPurge purge;
    @Inject
    CheckoutTokens tokens;
    @Inject
    AgroalDataSource db;
    @Inject
    VisitRepository visits;
    @Inject
    CheckinConfig config;

    @Test
    void randomInterleavingsKeepOneOpenVisitPerPersonAndTracingAndReportsFollowTheRows() {
        long seed = seed();
        int scenarios = Integer.getInteger("test.scenarios", 4);
        LOG.infof("StayModelTest: seed %d (replay with -Dtest.seed=%d), %d scenarios", seed, seed, scenarios);
        Random random = new Random(seed);
        StayScenario.Beans beans = new StayScenario.Beans(autoCheckout, purge, tokens, db, visits,
                config.retentionDays());
        String tracer = Api.tracer().token();
        purgeEverythingOfThisTest();
        long started = System.nanoTime();
        int operations = 0;
        try {
            for (int i = 0; i < scenarios; i++) {
                List<String> log = new ArrayList<>();
                int steps = 40 + random.nextInt(41);
                LocalDate firstDay = FIRST_DAY.plusDays((long) DAYS_BETWEEN_SCENARIOS * i);
                try {
                    new StayScenario(random, firstDay, beans, tracer, log).run(steps);
                } catch (AssertionError | RuntimeException e) {
                    throw new AssertionError("StayModelTest failed with seed " + seed + " (-Dtest.seed=" + seed
                            + ") in scenario " + i + " of " + scenarios + ": " + e.getMessage()
                            + "\nOperation log:\n  " + String.join("\n  ", log), e);
                }
                operations += steps;
                if (Boolean.getBoolean("test.verbose")) {
                    LOG.infof("Scenario %d of seed %d:%n  %s", i, seed, String.join("\n  ", log));
                }
            }
        } finally {
            purgeEverythingOfThisTest();
        }
        LOG.infof("StayModelTest: seed %d, %d scenarios, %d operations in %d s", seed, scenarios, operations,
                Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }

    private static long seed() {
        String given = System.getProperty("test.seed");
        return given == null || given.isBlank() ? new SecureRandom().nextLong() : Long.parseLong(given.strip());
    }

    private void purgeEverythingOfThisTest() {
        purge.purge(THIS_TEST_ONLY_BEFORE.plus(Duration.ofDays(config.retentionDays())));
    }
}
