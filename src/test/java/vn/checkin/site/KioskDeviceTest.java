package vn.checkin.site;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import vn.checkin.support.Api;
import vn.checkin.support.Api.Staff;
import vn.checkin.support.Api.TestSite;
import vn.checkin.support.Http;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Kiosk devices: enrolled for one site by an administrator or that site's reception, a token shown once that
 * fetches that site's kiosk codes and nothing else, listed with when it was last seen, revoked at once.
 */
@QuarkusTest
class KioskDeviceTest {

    @Test
    void aReceptionistEnrolsAKioskWhoseTokenFetchesOnlyItsSitesCodes() {
        TestSite site = Api.createSite();
        TestSite other = Api.createSite();
        Staff reception = Api.reception(site.id());
        Instant before = Instant.now().minusSeconds(1);

        Response created = enrol(reception.token(), site.id(), "Cổng chính");
        created.then().statusCode(201);
        JsonPath enrolled = created.jsonPath();
        assertThat(created.header("Location")).endsWith("/kiosks/" + enrolled.getString("id"));
        String token = enrolled.getString("kioskToken");
        assertThat(enrolled.getString("name")).isEqualTo("Cổng chính");
        assertThat(enrolled.getString("siteId")).isEqualTo(site.id());
        assertThat(Instant.parse(enrolled.getString("createdAt"))).isAfter(before);

        Http.as(token).get("/api/v1/sites/{id}/kiosk-qr", site.id()).then().statusCode(200)
                .body("siteId", equalTo(site.id())).body("siteName", equalTo(site.name()))
                .body("url", notNullValue());

        // Nothing else: not another site's codes, not the site itself, not its log, not any staff endpoint.
        Http.expectProblem(Http.as(token).get("/api/v1/sites/{id}/kiosk-qr", other.id()), 403);
        for (String path : List.of("/api/v1/sites/" + site.id(), "/api/v1/sites", "/api/v1/sites/" + site.id()
                + "/visits", "/api/v1/sites/" + site.id() + "/kiosks", "/api/v1/audit", "/api/v1/users")) {
            Http.expectProblem(Http.as(token).get(path), 403);
        }
        Http.expectProblem(enrol(token, site.id(), "Tự đăng ký"), 403);
    }

    @Test
    void onlyAnAdministratorOrTheSitesReceptionEnrolsListsAndRevokes() {
        TestSite site = Api.createSite();
        TestSite other = Api.createSite();
        Staff receptionOfOther = Api.reception(other.id());
        Staff tracer = Api.tracer();
        String kioskId = enrol(Api.adminToken(), site.id(), "Sảnh A").then().statusCode(201).extract().path("id");

        for (String token : List.of(receptionOfOther.token(), tracer.token())) {
            Http.expectProblem(enrol(token, site.id(), "Không được"), 403);
            Http.expectProblem(Http.as(token).get("/api/v1/sites/{id}/kiosks", site.id()), 403);
            Http.expectProblem(Http.as(token).delete("/api/v1/sites/{id}/kiosks/{k}", site.id(), kioskId), 403);
        }
        Http.expectProblem(Http.anonymous().body(Map.of("name", "x")).post("/api/v1/sites/{id}/kiosks", site.id()), 401);
        Http.expectProblem(Http.anonymous().get("/api/v1/sites/{id}/kiosks", site.id()), 401);
        assertThat(list(site.id(), Map.of()).getList("items")).hasSize(1);
        assertThat(list(site.id(), Map.of()).getString("items[0].revokedAt")).isNull();
    }

    @Test
    void aRevokedKioskIsRefusedAtOnceAndStaysListed() {
        TestSite site = Api.createSite();
        Staff reception = Api.reception(site.id());
        JsonPath kept = enrol(reception.token(), site.id(), "Cổng sau").then().statusCode(201).extract().jsonPath();
        JsonPath revoked = enrol(reception.token(), site.id(), "Cổng trước").then().statusCode(201).extract().jsonPath();
        Http.as(revoked.getString("kioskToken")).get("/api/v1/sites/{id}/kiosk-qr", site.id()).then().statusCode(200);

        Http.as(reception.token()).delete("/api/v1/sites/{id}/kiosks/{k}", site.id(), revoked.getString("id"))
                .then().statusCode(204);

        Http.expectProblem(Http.as(revoked.getString("kioskToken")).get("/api/v1/sites/{id}/kiosk-qr", site.id()), 401)
                .body("type", equalTo("/problems/revoked-token"));
        Http.as(kept.getString("kioskToken")).get("/api/v1/sites/{id}/kiosk-qr", site.id()).then().statusCode(200);
        // Again: nothing more to do, still 204; through another site's path: not found.
        Http.as(reception.token()).delete("/api/v1/sites/{id}/kiosks/{k}", site.id(), revoked.getString("id"))
                .then().statusCode(204);
        TestSite other = Api.createSite();
        Http.expectProblem(Http.asAdmin().delete("/api/v1/sites/{id}/kiosks/{k}", other.id(), kept.getString("id")), 404);

        JsonPath all = list(site.id(), Map.of());
        assertThat(all.getInt("total")).isEqualTo(2);
        assertThat(all.getList("items.name")).containsExactly("Cổng trước", "Cổng sau");
        assertThat(all.getString("items[0].revokedAt")).isNotNull();
        assertThat(all.getString("items[0].revokedBy")).isEqualTo(reception.username());
        assertThat(all.getString("items[0].lastSeenAt")).as("seen when it fetched a code").isNotNull();
        assertThat(all.getString("items[1].createdBy")).isEqualTo(reception.username());
        assertThat(all.getList("items")).allSatisfy(item -> assertThat(item.toString()).doesNotContain("kioskToken"));
        assertThat(list(site.id(), Map.of("revoked", false)).getList("items.name")).containsExactly("Cổng sau");
        assertThat(list(site.id(), Map.of("revoked", true)).getList("items.name")).containsExactly("Cổng trước");

        Http.asAdmin().get("/api/v1/audit?action=KIOSK_REVOKE").then().statusCode(200)
                .body("items.target", hasItem(revoked.getString("id")));
    }

    @Test
    void badInputIsAProblemAndEnrolsNothing() {
        TestSite site = Api.createSite();
        Http.expectProblem(enrol(Api.adminToken(), site.id(), "  "), 400).body("violations[0].field", equalTo("name"));
        Http.expectProblem(enrol(Api.adminToken(), site.id(), "x".repeat(81)), 400);
        Http.expectProblem(Http.asAdmin().contentType("application/json").body("{\"name\":")
                .post("/api/v1/sites/{id}/kiosks", site.id()), 400);
        Http.expectProblem(Http.asAdmin().contentType("text/plain").body("name")
                .post("/api/v1/sites/{id}/kiosks", site.id()), 415);
        Http.expectProblem(enrol(Api.adminToken(), UUID.randomUUID().toString(), "Không có"), 404);
        Http.expectProblem(Http.asAdmin().delete("/api/v1/sites/{id}/kiosks/{k}", site.id(),
                UUID.randomUUID()), 404);
        Http.expectProblem(Http.asAdmin().delete("/api/v1/sites/{id}/kiosks/not-an-id", site.id()), 400);
        assertThat(list(site.id(), Map.of()).getInt("total")).isZero();
        Http.expectProblem(Http.asAdmin().get("/api/v1/sites/{id}/kiosks?size=0", site.id()), 400);
        Http.asAdmin().get("/api/v1/sites/{id}/kiosks", site.id()).then().statusCode(200)
                .body("page", equalTo(0)).body("size", equalTo(50)).body("items", empty())
                .body("total", equalTo(0)).body("items[0]", nullValue());
    }

    private static Response enrol(String token, String siteId, String name) {
        return Http.as(token).contentType("application/json").body(Map.of("name", name))
                .post("/api/v1/sites/{id}/kiosks", siteId);
    }

    private static JsonPath list(String siteId, Map<String, ?> query) {
        return Http.asAdmin().queryParams(query).get("/api/v1/sites/{id}/kiosks", siteId).then().statusCode(200)
                .extract().jsonPath();
    }
}
