package vn.checkin.throttle;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import vn.checkin.common.ServerSecret;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shared attempt counters: parallel reservations from two instances (two {@link Throttles} with groups of their
 * own, on one table) get exactly the limit's worth of "within"; a window ends and starts again; the sweep deletes
 * only ended windows; nothing counted is stored as it was given.
 */
@QuarkusTest
class ThrottlesTest {

    @Inject
    EntityManager em;

    @Inject
    ServerSecret secret;

    @Test
    void parallelAttemptsOverTwoInstancesGetExactlyTheLimit() throws Exception {
        Throttles one = new Throttles(em, secret, Clock.systemUTC(), Duration.ofSeconds(10));
        Throttles two = new Throttles(em, secret, Clock.systemUTC(), Duration.ofSeconds(10));
        String key = "test:" + UUID.randomUUID();
        String shared = "test-shared:" + UUID.randomUUID();
        int limit = 5;
        int attempts = 40;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Optional<Duration>>> answers = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                Throttles instance = i % 2 == 0 ? one : two;
                answers.add(pool.submit(() -> {
                    start.await();
                    return instance.reserve(List.of(new Limit(key, limit, Duration.ofMinutes(5)),
                            new Limit(shared, 1000, Duration.ofMinutes(5))));
                }));
            }
            start.countDown();
            int within = 0;
            for (Future<Optional<Duration>> answer : answers) {
                Optional<Duration> wait = answer.get(60, TimeUnit.SECONDS);
                if (wait.isEmpty()) {
                    within++;
                } else {
                    assertThat(wait.get()).isBetween(Duration.ofSeconds(1), Duration.ofMinutes(5));
                }
            }
            assertThat(within).as("attempts within a limit of " + limit).isEqualTo(limit);
            assertThat(hitsOf(key)).isEqualTo(attempts);
            assertThat(hitsOf(shared)).isEqualTo(attempts);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWindowEndsAndCountingStartsAgainAndTheSweepDeletesOnlyEndedWindows() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2030-01-01T08:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        Throttles throttles = new Throttles(em, secret, clock, Duration.ofSeconds(10));
        String key = "test-window:" + UUID.randomUUID();
        String longer = "test-longer:" + UUID.randomUUID();
        Limit two = new Limit(key, 2, Duration.ofMinutes(1));

        assertThat(throttles.reserve(List.of(two))).isEmpty();
        assertThat(throttles.reserve(List.of(two))).isEmpty();
        now.set(now.get().plusSeconds(20));
        assertThat(throttles.reserve(List.of(two))).contains(Duration.ofSeconds(40));
        assertThat(throttles.reserve(List.of(new Limit(longer, 1, Duration.ofHours(1))))).isEmpty();

        now.set(now.get().plusSeconds(40));
        assertThat(throttles.reserve(List.of(two))).as("a new window").isEmpty();
        assertThat(hitsOf(key)).isEqualTo(1);

        Instant afterFirstWindow = now.get().plusSeconds(61);
        int swept = QuarkusTransaction.requiringNew().call(() -> throttles.sweep(afterFirstWindow));
        assertThat(swept).isGreaterThanOrEqualTo(1);
        assertThat(rowOf(key)).as("ended window").isNull();
        assertThat(rowOf(longer)).as("window still running").isNotNull();
    }

    @Test
    void aReleaseForgetsOneKeyAndGivesOneAttemptBackToAnother() {
        Throttles throttles = new Throttles(em, secret, Clock.systemUTC(), Duration.ofSeconds(10));
        String user = "test-user:" + UUID.randomUUID();
        String address = "test-address:" + UUID.randomUUID();
        List<Limit> limits = List.of(new Limit(user, 3, Duration.ofMinutes(5)), new Limit(address, 3, Duration.ofMinutes(5)));
        throttles.reserve(limits);
        throttles.reserve(limits);

        throttles.release(List.of(user), List.of(address));

        assertThat(rowOf(user)).isNull();
        assertThat(hitsOf(address)).isEqualTo(1);
    }

    @Test
    void whatIsCountedIsNotStoredAsItWasGiven() {
        String phone = "checkin-phone:+84912345678";
        new Throttles(em, secret, Clock.systemUTC(), Duration.ofSeconds(10))
                .reserve(List.of(new Limit(phone, 5, Duration.ofMinutes(1))));
        List<String> keys = QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "select c.keyHash from ThrottleCounter c", String.class).getResultList());
        assertThat(keys).isNotEmpty().allSatisfy(k -> assertThat(k).hasSize(64).doesNotContain("912345678"));
        assertThat(rowOf(phone)).isNotNull();
    }

    private int hitsOf(String key) {
        return rowOf(key).hits;
    }

    private ThrottleCounter rowOf(String key) {
        String hash = java.util.HexFormat.of().formatHex(secret.sign("throttle", key));
        return QuarkusTransaction.requiringNew().call(() -> em.find(ThrottleCounter.class, hash));
    }
}
