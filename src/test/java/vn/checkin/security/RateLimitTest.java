package vn.checkin.security;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.checkin.support.Api;
import vn.checkin.support.Http;
import vn.checkin.throttle.Throttles;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Check-in limits with small values (the normal test profile raises them out of the way): per phone, in any
 * spelling, and per client address; past them 429 problem+json with Retry-After and nothing stored.
 */
@QuarkusTest
@TestProfile(RateLimitTest.SmallLimits.class)
class RateLimitTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("checkin.checkin-limits.per-phone", "3",
                    "checkin.checkin-limits.per-address", "8",
                    "checkin.checkin-limits.window", "PT10M");
        }
    }

    /**
     * The counters live in the database, which the other tests' check-ins from this address share (and each method
     * of this one): forget them first.
     */
    @BeforeEach
    void forgetEarlierAttempts() {
        Arc.container().instance(Throttles.class).get().sweep(Instant.now().plus(Duration.ofDays(1)));
    }

    /** Both limits count the same requests from this test's address. */
    @Test
    void aPhoneAndThenAnAddressRunOutOfCheckins() {
        Api.TestSite site = Api.createSite();
        String digits = Api.randomPhone().substring(1);

        checkin(site, "0" + digits).then().statusCode(201);
        checkin(site, "+84" + digits).then().statusCode(201);
        checkin(site, "84 " + digits).then().statusCode(201);
        Response refused = checkin(site, "0" + digits);
        Http.expectProblem(refused, 429).body("type", equalTo("/problems/too-many-requests"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 600L);
        assertThat(visitsAt(site)).isEqualTo(3);

        // Another phone from the same address still gets in, up to the address's 8 attempts in the window.
        for (int attempt = 5; attempt <= 8; attempt++) {
            checkin(site, Api.randomPhone()).then().statusCode(201);
        }
        Http.expectProblem(checkin(site, Api.randomPhone()), 429);
        assertThat(visitsAt(site)).isEqualTo(7);
    }

    /** Attempts refused before anything is stored count as well: a flood of forged codes runs out. */
    @Test
    void forgedCodesRunOutTheAddressToo() {
        Api.TestSite site = Api.createSite();
        String forged = site.checkinUrl().replaceAll("s=[^&]+", "s=AAAAAAAAAAAAAAAAAAAAAA");
        for (int attempt = 1; attempt <= 8; attempt++) {
            Response refused = Http.anonymous().body(Api.checkinBody(forged, "Kẻ Giả Mạo", Api.randomPhone()))
                    .post("/api/v1/checkins");
            Http.expectProblem(refused, 400);
        }
        Http.expectProblem(checkin(site, Api.randomPhone()), 429);
        assertThat(visitsAt(site)).isZero();
    }

    private static Response checkin(Api.TestSite site, String phone) {
        return Http.anonymous().body(Api.checkinBody(site.checkinUrl(), "Đỗ Văn Vội", phone)).post("/api/v1/checkins");
    }

    private static int visitsAt(Api.TestSite site) {
        return Http.asAdmin().get("/api/v1/sites/{id}/visits", site.id()).then().statusCode(200)
                .extract().path("total");
    }
}
