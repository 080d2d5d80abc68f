package vn.checkin.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import vn.checkin.support.Api;
import vn.checkin.support.Http;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

/**
 * Fields the server owns, sent in a body, are ignored: the request records have no place for them, and unknown
 * properties are skipped (clients may send more than the contract names; the contract only grows). Each test
 * proves the server's value won, so ignoring stays a decision and never becomes an accident.
 */
@QuarkusTest
class MassAssignmentTest {

    @Test
    void aCheckinCannotChooseItsIdSiteTimeStatusOrFlags() {
        Api.TestSite site = Api.createSite();
        Api.TestSite elsewhere = Api.createSite();
        String chosenId = UUID.randomUUID().toString();
        Map<String, Object> body = Api.checkinBody(site.checkinUrl(), "Cao Văn Gán", Api.randomPhone());
        body.put("id", chosenId);
        body.put("visitId", chosenId);
        body.put("siteId", elsewhere.id());
        body.put("checkedInAt", "2001-01-01T00:00:00Z");
        body.put("checkedOutAt", "2001-01-01T01:00:00Z");
        body.put("status", "CHECKED_OUT");
        body.put("riskFlags", List.of("FEVER"));
        body.put("flagged", true);
        body.put("entrySource", "STAFF");
        body.put("checkoutToken", "chosen-token-1234567890");

        ExtractableResponse<Response> created = Http.anonymous().body(body).post("/api/v1/checkins")
                .then().statusCode(201)
                .body("siteId", equalTo(site.id()))
                .body("status", equalTo("ON_SITE"))
                .body("riskFlags", empty())
                .extract();

        assertThat((String) created.path("visitId")).isNotEqualTo(chosenId);
        assertThat((String) created.path("checkoutToken")).isNotEqualTo("chosen-token-1234567890");
        assertThat(Instant.parse(created.path("checkedInAt"))).isAfter(Instant.now().minusSeconds(300));
        Http.expectProblem(Http.asAdmin().get("/api/v1/visits/{id}", chosenId), 404);
        Http.asAdmin().get("/api/v1/visits/{id}", created.path("visitId").toString()).then().statusCode(200)
                .body("entrySource", equalTo("QR")).body("checkedOutAt", equalTo(null));
        Http.asAdmin().get("/api/v1/sites/{id}/visits", elsewhere.id()).then().body("total", equalTo(0));
    }

    @Test
    void aNewSiteCannotChooseItsIdVersionOrState() {
        String chosenId = UUID.randomUUID().toString();
        Http.asAdmin().body(Map.of("code", Api.unique("gan"), "name", "Chi nhánh gán", "id", chosenId,
                        "qrVersion", 99, "active", false, "kioskOnly", true, "maxStaySeconds", 999_999))
                .post("/api/v1/sites")
                .then().statusCode(201)
                .body("qrVersion", equalTo(1))
                .body("active", equalTo(true))
                .body("kioskOnly", equalTo(false))
                .body("id", org.hamcrest.Matchers.not(equalTo(chosenId)));
        Http.expectProblem(Http.asAdmin().get("/api/v1/sites/{id}", chosenId), 404);
    }

    @Test
    void aPatchCannotChangeTheCodeOrTheQrVersion() {
        Api.TestSite site = Api.createSite();
        Http.asAdmin().body(Map.of("code", "another-code", "qrVersion", 7, "id", UUID.randomUUID().toString(),
                        "name", "Tên mới"))
                .patch("/api/v1/sites/{id}", site.id())
                .then().statusCode(200)
                .body("code", equalTo(site.code()))
                .body("qrVersion", equalTo(site.qrVersion()))
                .body("id", equalTo(site.id()))
                .body("name", equalTo("Tên mới"));
    }

    @Test
    void aLoginCannotAskForRolesOrSites() {
        Api.TestSite site = Api.createSite();
        Api.Staff reception = Api.reception(site.id());
        String token = Http.anonymous().body(Map.of("username", reception.username(), "password", Api.STAFF_PASSWORD,
                        "roles", List.of("ADMIN"), "groups", List.of("ADMIN"), "siteIds", List.of(UUID.randomUUID())))
                .post("/api/v1/auth/token")
                .then().statusCode(200).body("roles", equalTo(List.of("RECEPTION")))
                .extract().path("accessToken");

        Http.expectProblem(Http.as(token).get("/api/v1/users"), 403);
    }

    @Test
    void aVisitorCannotChooseWhenTheyLeft() {
        Api.TestSite site = Api.createSite();
        ExtractableResponse<Response> visit = Api.checkin(site, "Lâm Văn Giờ", Api.randomPhone());
        String checkedOutAt = Http.anonymous().body(Map.of("checkoutToken", visit.path("checkoutToken"),
                        "checkedOutAt", "2001-01-01T00:00:00Z", "checkoutSource", "STAFF"))
                .post("/api/v1/checkins/{id}/checkout", visit.path("visitId").toString())
                .then().statusCode(200).body("checkoutSource", equalTo("VISITOR"))
                .extract().path("checkedOutAt");
        assertThat(Instant.parse(checkedOutAt)).isAfter(Instant.now().minusSeconds(300));
    }
}
