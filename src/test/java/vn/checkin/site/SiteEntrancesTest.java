package vn.checkin.site;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.junit.jupiter.api.Test;
import vn.checkin.support.Api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

/**
 * Sites are read through a one-second cache for check-ins and QR images. A change made through this service is
 * seen at once (the cache is warm before each change here; SiteResourceTest rotates a code the same way); a change made by another replica (a direct update
 * here) is seen once the read is a second old; unknown codes are not remembered.
 */
@QuarkusTest
class SiteEntrancesTest {

    @Inject
    SiteRepository sites;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    EntityManager em;

    @Test
    void closingAndReopeningASiteIsSeenAtOnce() {
        Api.TestSite site = Api.createSite();
        Api.checkin(site, "Đỗ Thị Mở", Api.randomPhone());

        setActive(site, false);
        checkin(site.checkinUrl()).then().statusCode(400).body("type", endsWith("/site-inactive"));

        setActive(site, true);
        checkin(site.checkinUrl()).then().statusCode(201);
    }

    @Test
    void aChangeByAnotherReplicaIsSeenOnceTheReadIsASecondOld() {
        Api.TestSite site = Api.createSite();
        AtomicLong now = new AtomicLong(5_000_000_000L);
        SiteEntrances entrances = new SiteEntrances(sites, transactions, now::get);
        assertThat(entrances.byCode(site.code())).hasValueSatisfying(e -> assertThat(e.active()).isTrue());

        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update site set active = false where id = ?1")
                .setParameter(1, UUID.fromString(site.id())).executeUpdate());

        now.addAndGet(SiteEntrances.FRESH_NANOS - 1);
        assertThat(entrances.byCode(site.code())).hasValueSatisfying(e -> assertThat(e.active()).isTrue());
        assertThat(entrances.byId(UUID.fromString(site.id()))).hasValueSatisfying(e -> assertThat(e.active()).isTrue());
        now.addAndGet(1);
        assertThat(entrances.byCode(site.code())).hasValueSatisfying(e -> assertThat(e.active()).isFalse());
        assertThat(entrances.byId(UUID.fromString(site.id()))).hasValueSatisfying(e -> assertThat(e.active()).isFalse());
    }

    @Test
    void aChangeInATransactionIsSeenByTheNextReadEvenWithinTheSecond() {
        Api.TestSite site = Api.createSite();
        AtomicLong now = new AtomicLong(0);
        SiteEntrances entrances = new SiteEntrances(sites, transactions, now::get);
        assertThat(entrances.byCode(site.code())).hasValueSatisfying(e -> assertThat(e.qrVersion()).isEqualTo(1));

        QuarkusTransaction.requiringNew().run(() -> {
            sites.findById(UUID.fromString(site.id())).qrVersion = 7;
            entrances.changed();
        });

        assertThat(entrances.byCode(site.code())).hasValueSatisfying(e -> assertThat(e.qrVersion()).isEqualTo(7));
    }

    @Test
    void anUnknownCodeIsNotRemembered() {
        AtomicLong now = new AtomicLong(0);
        SiteEntrances entrances = new SiteEntrances(sites, transactions, now::get);
        String code = Api.unique("later");
        assertThat(entrances.byCode(code)).isEmpty();

        Api.TestSite site = Api.createSite(Map.of("code", code));

        assertThat(entrances.byCode(code)).hasValueSatisfying(e -> assertThat(e.id()).hasToString(site.id()));
    }

    @Test
    void callersMissingTheSameSiteTogetherReadItOnce() throws Exception {
        Api.TestSite site = Api.createSite();
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SiteRepository slowSites = new SiteRepository() {
            @Override
            public Optional<Site> byCode(String code) {
                reads.incrementAndGet();
                reading.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return sites.byCode(code);
            }
        };
        SiteEntrances entrances = new SiteEntrances(slowSites, transactions, () -> 0L);
        ExecutorService callers = Executors.newFixedThreadPool(6);
        try {
            List<Future<Optional<SiteEntrances.Entrance>>> answers = new ArrayList<>();
            answers.add(callers.submit(() -> entrances.byCode(site.code())));
            assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 5; i++) {
                answers.add(callers.submit(() -> entrances.byCode(site.code())));
            }
            Thread.sleep(200); // the five find the read in flight and wait for it

            release.countDown();

            for (Future<Optional<SiteEntrances.Entrance>> answer : answers) {
                assertThat(answer.get(10, TimeUnit.SECONDS)).hasValueSatisfying(
                        e -> assertThat(e.id()).hasToString(site.id()));
            }
            assertThat(reads).hasValue(1);
        } finally {
            callers.shutdownNow();
        }
    }

    private static io.restassured.response.Response checkin(String qr) {
        return given().contentType(ContentType.JSON)
                .body(Api.checkinBody(qr, "Lê Văn Quét", Api.randomPhone()))
                .post("/api/v1/checkins");
    }

    private static void setActive(Api.TestSite site, boolean active) {
        given().auth().oauth2(Api.adminToken()).contentType(ContentType.JSON).body(Map.of("active", active))
                .patch("/api/v1/sites/" + site.id())
                .then().statusCode(200).body("active", equalTo(active));
    }
}
