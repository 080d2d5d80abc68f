package vn.checkin.site;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.junit.jupiter.api.Test;
import vn.checkin.support.Api;

import java.util.Map;
import java.util.UUID;
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
