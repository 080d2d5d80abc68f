package vn.checkin.auth;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.checkin.support.Api;
import vn.checkin.support.Api.Staff;
import vn.checkin.support.Api.TestSite;
import vn.checkin.support.Http;

import org.jose4j.jwt.JwtClaims;
import vn.checkin.security.Tokens;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Sessions that end: logout ends its own token only; deactivation, a new password, other roles or other sites end
 * every token of the account, and a revoked token changes nothing. Another instance (a {@link Sessions} of its own,
 * with its own memory of sessions) refuses a revoked token within its check interval.
 */
@QuarkusTest
class SessionRevocationTest {

    private static final String REVOKED = "/problems/revoked-token";

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Test
    void logoutEndsThatTokenOnlyAndIsRefusedAfterwards() {
        Staff tracer = Api.tracer();
        String other = Api.login(tracer.username(), Api.STAFF_PASSWORD);

        Http.as(tracer.token()).post("/api/v1/auth/logout").then().statusCode(204);

        expectRevoked(Http.as(tracer.token()).get("/api/v1/sites"));
        expectRevoked(Http.as(tracer.token()).post("/api/v1/auth/logout"));
        Http.as(other).get("/api/v1/sites").then().statusCode(200);
        Http.as(Api.login(tracer.username(), Api.STAFF_PASSWORD)).get("/api/v1/sites").then().statusCode(200);
    }

    @Test
    void logoutNeedsAStaffToken() {
        Http.expectProblem(Http.anonymous().post("/api/v1/auth/logout"), 401);
        TestSite site = Api.createSite();
        String kiosk = Api.enrolKiosk(site.id(), Api.adminToken()).getString("kioskToken");
        Http.expectProblem(Http.as(kiosk).post("/api/v1/auth/logout"), 403);
        Http.as(kiosk).get("/api/v1/sites/{id}/kiosk-qr", site.id()).then().statusCode(200);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"deactivated", "password", "roles", "sites"})
    void anAccountChangeEndsEveryTokenOfTheAccountAndARevokedTokenChangesNothing(String change) {
        TestSite site = Api.createSite();
        TestSite other = Api.createSite();
        Staff reception = Api.reception(site.id());
        String second = Api.login(reception.username(), Api.STAFF_PASSWORD);
        Http.as(reception.token()).get("/api/v1/sites/{id}/visits", site.id()).then().statusCode(200);

        Map<String, Object> patch = switch (change) {
            case "deactivated" -> Map.of("active", false);
            case "password" -> Map.of("password", "a-new-password-456");
            case "roles" -> Map.of("roles", List.of("RECEPTION", "TRACER"));
            default -> Map.of("siteIds", List.of(site.id(), other.id()));
        };
        Http.asAdmin().contentType("application/json").body(patch)
                .patch("/api/v1/users/{id}", reception.id()).then().statusCode(200);

        for (String token : List.of(reception.token(), second)) {
            expectRevoked(Http.as(token).get("/api/v1/sites/{id}/visits", site.id()));
            Response write = Http.as(token).contentType("application/json")
                    .body(staffEntry()).post("/api/v1/sites/{id}/visits", site.id());
            expectRevoked(write);
        }
        assertThat(visitsAt(site)).as("visits entered with a revoked token").isZero();

        String password = change.equals("password") ? "a-new-password-456" : Api.STAFF_PASSWORD;
        if (change.equals("deactivated")) {
            Http.expectProblem(loginResponse(reception.username(), password), 401);
        } else {
            String fresh = Api.login(reception.username(), password);
            Http.as(fresh).get("/api/v1/sites/{id}/visits", site.id()).then().statusCode(200);
        }
    }

    @Test
    void aNewDisplayNameEndsNoSession() {
        Staff tracer = Api.tracer();
        Http.asAdmin().contentType("application/json").body(Map.of("displayName", "Tên mới"))
                .patch("/api/v1/users/{id}", tracer.id()).then().statusCode(200);
        Http.as(tracer.token()).get("/api/v1/sites").then().statusCode(200);
    }

    @Test
    void aTokenWithoutASessionOrWithAnUnknownOneIsRefused() {
        Staff tracer = Api.tracer();
        String unknownSession = resigned(tracer.token(), UUID.randomUUID().toString());
        expectRevoked(Http.as(unknownSession).get("/api/v1/sites"));
        expectRevoked(Http.as(resigned(tracer.token(), null)).get("/api/v1/sites"));
        Http.as(tracer.token()).get("/api/v1/sites").then().statusCode(200);
    }

    /** Another instance remembers a valid session for its check interval, then reads it again and refuses it. */
    @Test
    void anotherInstanceRefusesARevokedTokenWithinItsCheckInterval() throws Exception {
        Staff tracer = Api.tracer();
        UUID session = UUID.fromString(claim(tracer.token(), "sid"));
        Duration interval = Duration.ofMillis(700);
        Sessions elsewhere = new Sessions(em, clock, interval);
        assertThat(QuarkusTransaction.requiringNew().call(() -> elsewhere.check(session))).isTrue();

        Http.as(tracer.token()).post("/api/v1/auth/logout").then().statusCode(204);
        long loggedOut = System.nanoTime();

        // Until its memory of the session expires the other instance may still let it through; never longer.
        boolean refused = false;
        while (!refused) {
            boolean valid = elsewhere.known(session).isPresent()
                    ? elsewhere.known(session).get()
                    : QuarkusTransaction.requiringNew().call(() -> elsewhere.check(session));
            refused = !valid;
            assertThat(Duration.ofNanos(System.nanoTime() - loggedOut))
                    .as("time the other instance still accepted the session").isLessThan(interval.multipliedBy(3));
            Thread.sleep(50);
        }
    }

    /** Logins racing with a deactivation: once it has been answered, no token of the account works for long. */
    @Test
    void loginsRacingWithADeactivationLeaveNoWorkingToken() throws Exception {
        Staff tracer = Api.tracer();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Response>> logins = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                logins.add(pool.submit(() -> loginResponse(tracer.username(), Api.STAFF_PASSWORD)));
            }
            Http.asAdmin().contentType("application/json").body(Map.of("active", false))
                    .patch("/api/v1/users/{id}", tracer.id()).then().statusCode(200);
            List<String> tokens = new ArrayList<>(List.of(tracer.token()));
            for (Future<Response> login : logins) {
                Response response = login.get(30, TimeUnit.SECONDS);
                if (response.statusCode() == 200) {
                    tokens.add(response.path("accessToken"));
                }
            }
            // This instance forgets what it knew at the change; a check that read the row just before the commit may
            // be remembered for one check interval (2 s), so give it that long, and no more.
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            for (String token : tokens) {
                int status;
                do {
                    status = Http.as(token).get("/api/v1/sites").statusCode();
                } while (status == 200 && System.nanoTime() < deadline);
                assertThat(status).as("a token of the deactivated account").isEqualTo(401);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Inject
    Sessions sessions;

    @Test
    void theSweepDeletesSessionsADayAfterTheyExpiredAndNoOthers() {
        Staff old = Api.tracer();
        Staff recent = Api.tracer();
        UUID oldSession = UUID.fromString(claim(old.token(), "sid"));
        UUID recentSession = UUID.fromString(claim(recent.token(), "sid"));
        QuarkusTransaction.requiringNew().run(() -> em.find(StaffSession.class, oldSession).expiresAt =
                java.time.Instant.now().minus(SessionSweep.KEPT_AFTER_EXPIRY).minusSeconds(60));

        new SessionSweep(sessions, clock).run();

        assertThat(QuarkusTransaction.requiringNew().call(() -> em.find(StaffSession.class, oldSession))).isNull();
        assertThat(QuarkusTransaction.requiringNew().call(() -> em.find(StaffSession.class, recentSession))).isNotNull();
        expectRevoked(Http.as(old.token()).get("/api/v1/sites"));
        Http.as(recent.token()).get("/api/v1/sites").then().statusCode(200);
    }

    private static void expectRevoked(Response response) {
        Http.expectProblem(response, 401).body("type", equalTo(REVOKED));
    }

    private static Response loginResponse(String username, String password) {
        return Http.anonymous().body(Map.of("username", username, "password", password)).post("/api/v1/auth/token");
    }

    private static Map<String, Object> staffEntry() {
        Map<String, Object> body = new LinkedHashMap<>(Api.checkinBody("unused", "Trần Văn Thu", Api.randomPhone()));
        body.remove("qr");
        return body;
    }

    private static int visitsAt(TestSite site) {
        return Http.asAdmin().get("/api/v1/sites/{id}/visits", site.id()).then().statusCode(200)
                .extract().path("total");
    }

    private static String claim(String token, String name) {
        return String.valueOf(Tokens.payloadOf(token).getClaimValue(name));
    }

    /** The token's claims with another sid (none when null), signed again with the service's key. */
    private static String resigned(String token, String sid) {
        JwtClaims claims = Tokens.payloadOf(token);
        if (sid == null) {
            claims.unsetClaim("sid");
        } else {
            claims.setClaim("sid", sid);
        }
        return Tokens.signWithServiceKey(claims);
    }
}
