package vn.checkin.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.checkin.site.QrSigner;
import vn.checkin.support.Api;
import vn.checkin.support.Http;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The reception kiosk's codes: issued with their time, accepted while fresh, refused when expired, dated in the
 * future, or altered, with nothing stored; a kiosk-only site refuses its poster's code.
 */
@QuarkusTest
class KioskCodeTest {

    @Inject
    QrSigner signer;

    @Test
    void receptionGetsAFreshCodeThatChecksInOnce() {
        Api.TestSite site = Api.createSite();
        Api.Staff reception = Api.reception(site.id());

        JsonPath code = Http.as(reception.token()).get("/api/v1/sites/{id}/kiosk-qr", site.id())
                .then().statusCode(200).header("Cache-Control", equalTo("no-store")).extract().jsonPath();

        Instant issuedAt = Instant.parse(code.getString("issuedAt"));
        assertThat(Instant.parse(code.getString("expiresAt"))).isEqualTo(issuedAt.plusSeconds(60));
        assertThat(issuedAt).isBetween(Instant.now().minusSeconds(30), Instant.now().plusSeconds(1));
        assertThat(code.getString("url")).startsWith(site.checkinUrl().substring(0, site.checkinUrl().indexOf('?')))
                .contains("&t=" + issuedAt.getEpochSecond() + "&");
        assertThat(code.getString("svg")).contains("<svg", "</svg>");

        checkin(code.getString("url")).then().statusCode(201).body("siteId", equalTo(site.id()));
        assertThat(visitsAt(site)).isEqualTo(1);
    }

    @Test
    void anExpiredKioskCodeIsRefusedAndNothingStored() {
        Api.TestSite site = Api.createSite();
        String expired = signer.kioskUrl(site.code(), site.qrVersion(), Instant.now().minus(Duration.ofSeconds(70)));

        Http.expectProblem(checkin(expired), 400).body("type", equalTo("/problems/expired-qr"));
        assertThat(visitsAt(site)).isZero();
    }

    @Test
    void aKioskCodeFromTheFutureIsRefused() {
        Api.TestSite site = Api.createSite();
        String future = signer.kioskUrl(site.code(), site.qrVersion(), Instant.now().plusSeconds(60));

        Http.expectProblem(checkin(future), 400).body("type", equalTo("/problems/invalid-qr"));
        assertThat(visitsAt(site)).isZero();
    }

    @Test
    void aKioskCodeWithinItsLifetimeAndSkewIsAccepted() {
        Api.TestSite site = Api.createSite();
        String recent = signer.kioskUrl(site.code(), site.qrVersion(), Instant.now().minusSeconds(40));
        String slightlyAhead = signer.kioskUrl(site.code(), site.qrVersion(), Instant.now().plusSeconds(2));

        checkin(recent).then().statusCode(201);
        checkin(slightlyAhead).then().statusCode(201);
    }

    @Test
    void aKioskCodeWithAnAlteredTimeOrAPosterSignatureIsRefused() {
        Api.TestSite site = Api.createSite();
        long issued = Instant.now().getEpochSecond();
        String url = signer.kioskUrl(site.code(), site.qrVersion(), Instant.ofEpochSecond(issued));
        String later = url.replace("&t=" + issued + "&", "&t=" + (issued + 30) + "&");
        String posterSignatureWithTime = site.checkinUrl().replace("&s=", "&t=" + issued + "&s=");

        Http.expectProblem(checkin(later), 400).body("type", equalTo("/problems/invalid-qr"));
        Http.expectProblem(checkin(posterSignatureWithTime), 400).body("type", equalTo("/problems/invalid-qr"));
        assertThat(visitsAt(site)).isZero();
    }

    @Test
    void aKioskOnlySiteRefusesItsPosterButTakesTheKioskCode() {
        Api.TestSite site = Api.createSite();
        Api.Staff reception = Api.reception(site.id());
        Http.expectProblem(Http.as(reception.token()).body(Map.of("kioskOnly", true))
                .patch("/api/v1/sites/{id}", site.id()), 403);
        Http.asAdmin().body(Map.of("kioskOnly", true)).patch("/api/v1/sites/{id}", site.id())
                .then().statusCode(200).body("kioskOnly", equalTo(true));

        Http.expectProblem(checkin(site.checkinUrl()), 400).body("type", equalTo("/problems/kiosk-only"));
        assertThat(visitsAt(site)).isZero();

        String kiosk = Http.as(reception.token()).get("/api/v1/sites/{id}/kiosk-qr", site.id())
                .then().statusCode(200).extract().path("url");
        checkin(kiosk).then().statusCode(201);

        Http.asAdmin().body(Map.of("kioskOnly", false)).patch("/api/v1/sites/{id}", site.id())
                .then().statusCode(200).body("kioskOnly", equalTo(false));
        checkin(site.checkinUrl()).then().statusCode(201);
    }

    @Test
    void aRotatedSiteRefusesKioskCodesOfTheOldVersion() {
        Api.TestSite site = Api.createSite();
        String old = signer.kioskUrl(site.code(), site.qrVersion(), Instant.now());
        Http.asAdmin().post("/api/v1/sites/{id}/qr/rotate", site.id()).then().statusCode(200);

        Http.expectProblem(checkin(old), 400).body("type", equalTo("/problems/outdated-qr"));
    }

    private static io.restassured.response.Response checkin(String qr) {
        return Http.anonymous().body(Api.checkinBody(qr, "Võ Thị Kiosk", Api.randomPhone())).post("/api/v1/checkins");
    }

    private static int visitsAt(Api.TestSite site) {
        return Http.asAdmin().get("/api/v1/sites/{id}/visits", site.id()).then().statusCode(200)
                .extract().path("total");
    }
}
