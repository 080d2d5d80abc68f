package vn.checkin.report;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import vn.checkin.support.Api;
import vn.checkin.support.Visits;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Lists of risky declarations, on visits of June 2021 (no other test uses it). */
@QuarkusTest
class ReportDeclarationsTest {

    @Test
    void listsTheFlaggedVisitsOfThePeriodNewestFirstAndPaged() {
        Api.TestSite site = Api.createSite(Map.of("name", "Kho bạc Nhà nước"));
        Visits.TestVisit early = Visits.visit(site, Api.randomPhone()).withFever()
                .from("2021-06-01T01:00:00Z").to("2021-06-01T02:00:00Z");
        Visits.TestVisit late = Visits.visit(site, Api.randomPhone()).withFever()
                .from("2021-06-02T16:59:00Z").to("2021-06-02T18:00:00Z");     // 23:59 on the 2nd, local
        Visits.visit(site, Api.randomPhone()).from("2021-06-01T03:00:00Z").to("2021-06-01T04:00:00Z");
        Visits.visit(site, Api.randomPhone()).withFever().from("2021-06-02T17:00:00Z")   // 00:00 on the 3rd
                .to("2021-06-02T18:00:00Z");
        String token = Api.reception(site.id()).token();

        JsonPath fever = list(token, "FEVER", 0, 50);
        assertThat(fever.getList("items.id", String.class)).containsExactly(late.id(), early.id());
        assertThat(fever.getInt("total")).isEqualTo(2);
        assertThat(fever.getString("items[0].siteName")).isEqualTo("Kho bạc Nhà nước");
        assertThat(fever.getList("items[0].riskFlags", String.class)).contains("FEVER");
        assertThat(fever.getString("items[0].visitor.phone")).startsWith("+84");

        assertThat(list(token, null, 0, 50).getInt("total")).isEqualTo(2);
        assertThat(list(token, "CLOSE_CONTACT", 0, 50).getInt("total")).isZero();
        JsonPath secondPage = list(token, "SYMPTOMS", 1, 1);
        assertThat(secondPage.getList("items.id", String.class)).containsExactly(early.id());
        assertThat(secondPage.getInt("total")).isEqualTo(2);
        assertThat(secondPage.getInt("size")).isEqualTo(1);
    }

    @Test
    void csvHasTheBomAndNeutralisesFormulas() {
        Api.TestSite site = Api.createSite();
        Visits.visit(site, Api.randomPhone()).named("=HYPERLINK(\"http://x\")").withFever()
                .from("2021-06-10T02:00:00Z").to("2021-06-10T03:00:00Z");
        byte[] csv = given().auth().oauth2(Api.reception(site.id()).token()).accept("text/csv")
                .queryParam("from", "2021-06-10").queryParam("to", "2021-06-10").queryParam("flag", "FEVER")
                .get("/api/v1/reports/declarations").then().statusCode(200).contentType("text/csv")
                .extract().asByteArray();
        assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
        String[] lines = new String(csv, StandardCharsets.UTF_8).substring(1).split("\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[1]).contains("\"'=HYPERLINK(\"\"http://x\"\")\"").contains("2021-06-10 09:00:00")
                .contains("Asia/Ho_Chi_Minh");
    }

    @Test
    void receptionSeesOnlyItsOwnSitesAndStrangersAreRefused() {
        Api.TestSite own = Api.createSite();
        Api.TestSite other = Api.createSite();
        Visits.visit(own, Api.randomPhone()).withFever().from("2021-06-20T02:00:00Z").to("2021-06-20T03:00:00Z");
        Visits.TestVisit elsewhere = Visits.visit(other, Api.randomPhone()).withFever()
                .from("2021-06-20T02:00:00Z").to("2021-06-20T03:00:00Z");

        List<String> seen = on20June(Api.reception(own.id()).token()).getList("items.id", String.class);
        assertThat(seen).hasSize(1).doesNotContain(elsewhere.id());
        assertThat(on20June(Api.tracer().token()).getList("items.id", String.class)).contains(elsewhere.id());
        given().queryParam("from", "2021-06-20").queryParam("to", "2021-06-20")
                .get("/api/v1/reports/declarations").then().statusCode(401);
        given().auth().oauth2(Api.adminToken()).queryParam("from", "2021-06-20").queryParam("to", "2021-06-20")
                .queryParam("flag", "HEADACHE").get("/api/v1/reports/declarations").then().statusCode(400);
    }

    private static JsonPath on20June(String token) {
        return given().auth().oauth2(token).queryParam("from", "2021-06-20").queryParam("to", "2021-06-20")
                .queryParam("size", 200).get("/api/v1/reports/declarations").then().statusCode(200).extract().jsonPath();
    }

    /** Declarations of 1 and 2 June 2021 (local days). */
    private static JsonPath list(String token, String flag, int page, int size) {
        var request = given().auth().oauth2(token).queryParam("from", "2021-06-01").queryParam("to", "2021-06-02")
                .queryParam("page", page).queryParam("size", size);
        if (flag != null) {
            request.queryParam("flag", flag);
        }
        return request.get("/api/v1/reports/declarations").then().statusCode(200).extract().jsonPath();
    }
}
