package vn.checkin.browser;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.checkin.support.Api;
import vn.checkin.support.Http;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The entrance screen does not depend on anyone's login: with staff logins that last five seconds, the screen a
 * receptionist enrolled goes on renewing its code (every three seconds here) after the receptionist's login has
 * run out, and a visitor checks in with a code issued after that.
 */
@QuarkusTest
@TestProfile(KioskOutlivesStaffLoginBrowserTest.ShortLogins.class)
@Tag("browser")
class KioskOutlivesStaffLoginBrowserTest {

    private static final Duration STAFF_LOGIN = Duration.ofSeconds(5);

    public static class ShortLogins implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("checkin.auth.token-lifetime", "PT5S", "checkin.kiosk.code-lifetime", "PT6S");
        }
    }

    @TestHTTPResource("/")
    URL root;

    @Test
    void theScreenRenewsItsCodeLongAfterTheLoginThatEnrolledItRanOut() throws Exception {
        // Api.adminToken() would keep a five-second token for later tests: this test logs in on its own.
        String admin = Api.login("admin", Api.ADMIN_PASSWORD);
        Api.TestSite site = site(admin);
        Api.Staff receptionist = receptionist(admin, site.id());
        Instant loginEnds = Instant.now().plus(STAFF_LOGIN);
        String token = Api.enrolKiosk(site.id(), receptionist.token()).getString("kioskToken");

        try (Browser screen = Browser.open(root, 1080, 1920)) {
            screen.go("/reception/kiosk?site=" + site.id() + "#kiosk=" + token);
            screen.visible(By.id("qr"));
            Map<String, Instant> codes = new LinkedHashMap<>();
            remember(screen, codes);

            // The receptionist's login is over: the service refuses it.
            new WebDriverWait(screen.driver, Duration.ofSeconds(15)).pollingEvery(Duration.ofMillis(250))
                    .until(d -> Http.as(receptionist.token()).get("/api/v1/sites/{id}/kiosks", site.id())
                            .statusCode() == 401);
            Instant refusedFrom = Instant.now();
            assertThat(refusedFrom).isAfter(loginEnds);

            // The screen goes on: two codes issued after the login ended, each replacing the one before.
            new WebDriverWait(screen.driver, Duration.ofSeconds(15)).pollingEvery(Duration.ofMillis(200)).until(d -> {
                remember(screen, codes);
                return codes.values().stream().filter(issued -> issued.isAfter(refusedFrom)).count() >= 2;
            });
            assertThat(codes).as("the first code and at least two after the login ended").hasSizeGreaterThanOrEqualTo(3);
            assertThat(screen.byId("qr").isDisplayed()).isTrue();
            assertThat(screen.byId("offline").isDisplayed()).isFalse();
            assertThat(screen.byId("message").isDisplayed()).isFalse();
            KioskScreenBrowserTest.assertNoStaffLogin(screen, receptionist);

            String latest = KioskScreenBrowserTest.decode(screen.byId("qr"));
            given().contentType(ContentType.JSON)
                    .body(Api.checkinBody(latest, Api.unique("Đỗ Văn Sáng"), Api.randomPhone()))
                    .post("/api/v1/checkins").then().statusCode(201);
        }
    }

    /** The code on screen now, with when the service issued it (read together, between two renewals). */
    @SuppressWarnings("unchecked")
    private static void remember(Browser screen, Map<String, Instant> codes) {
        List<String> shown = (List<String>) screen.driver.executeScript("return [document.getElementById('qr')"
                + ".dataset.url, document.getElementById('app').dataset.issuedAt];");
        codes.put(shown.get(0), Instant.parse(shown.get(1)));
    }

    private static Api.TestSite site(String admin) {
        var created = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("code", Api.unique("site"), "name", "Bộ phận một cửa " + Api.unique("Quận 3")))
                .post("/api/v1/sites").then().statusCode(201).extract();
        return new Api.TestSite(created.path("id"), created.path("code"), created.path("name"),
                created.path("checkinUrl"), created.path("qrVersion"));
    }

    private static Api.Staff receptionist(String admin, String siteId) {
        String username = Api.unique("letan");
        String id = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", Api.STAFF_PASSWORD, "displayName", "Lễ tân " + username,
                        "roles", List.of("RECEPTION"), "siteIds", List.of(siteId)))
                .post("/api/v1/users").then().statusCode(201).extract().path("id");
        return new Api.Staff(id, username, Api.login(username, Api.STAFF_PASSWORD));
    }
}
