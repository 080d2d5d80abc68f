package vn.checkin.report;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.checkin.support.Api;
import vn.checkin.support.Visits;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily reports, produced at fixed instants: in August 2021, and for sites in two time zones in November 2021
 * (no other test uses either).
 */
@QuarkusTest
class DailyReportsTest {

    private static final Instant NIGHT = Instant.parse("2021-08-04T17:30:00Z"); // 00:30 on 5 August in Hanoi
    /** 00:15 on 17 November in Hanoi, 22:45 on the 16th in Kolkata. */
    private static final Instant AFTER_HANOI_MIDNIGHT = Instant.parse("2021-11-16T17:15:00Z");
    /** 02:15 on 17 November in Hanoi, 00:45 in Kolkata: the first hourly run after Kolkata's midnight. */
    private static final Instant AFTER_KOLKATA_MIDNIGHT = Instant.parse("2021-11-16T19:15:00Z");

    @Inject
    DailyReports daily;

    @Test
    void eachEndedDayGetsOneStoredReportPerOrganization() throws Exception {
        String organization = Api.unique("Sở Giáo dục");
        Api.TestSite school = Api.createSite(Map.of("name", "Trường THPT Lê Quý Đôn", "organization", organization));
        Api.TestSite office = Api.createSite(Map.of("name", "Văn phòng Sở", "organization", organization));
        Visits.visit(school, Api.randomPhone()).withFever().from("2021-08-03T01:00:00Z").to("2021-08-03T02:00:00Z");
        String parent = Api.randomPhone();
        Visits.visit(school, parent).from("2021-08-03T03:00:00Z").to("2021-08-03T04:00:00Z");
        Visits.visit(school, parent).from("2021-08-03T16:59:00Z").to("2021-08-03T17:30:00Z");  // 23:59 local
        Visits.visit(school, Api.randomPhone()).from("2021-08-04T17:00:00Z").to("2021-08-04T17:20:00Z"); // the 5th

        int made = daily.produceMissing(NIGHT);
        int again = daily.produceMissing(NIGHT);

        assertThat(made).isGreaterThanOrEqualTo(7);
        assertThat(again).isZero();
        String admin = Api.adminToken();
        JsonPath list = given().auth().oauth2(admin).queryParam("organization", organization)
                .get("/api/v1/reports/daily").then().statusCode(200).extract().jsonPath();
        assertThat(list.getList("items.day", String.class)).containsExactly("2021-08-04", "2021-08-03", "2021-08-02",
                "2021-08-01", "2021-07-31", "2021-07-30", "2021-07-29");
        String third = list.getString("items.find { it.day == '2021-08-03' }.id");
        assertThat(list.getInt("items.find { it.day == '2021-08-03' }.checkIns")).isEqualTo(3);
        assertThat(list.getInt("items.find { it.day == '2021-08-04' }.checkIns")).isZero();

        JsonPath report = given().auth().oauth2(Api.tracer().token()).get("/api/v1/reports/daily/" + third)
                .then().statusCode(200).extract().jsonPath();
        assertThat(report.getInt("totals.checkIns")).isEqualTo(3);
        assertThat(report.getInt("totals.uniqueVisitors")).isEqualTo(2);
        assertThat(report.getInt("totals.flagged")).isEqualTo(1);
        assertThat(report.getList("silentSites.siteId", String.class)).containsExactly(office.id());
        assertThat(report.getMap("sites.find { it.siteId == '" + school.id() + "' }"))
                .containsEntry("checkIns", 3).containsEntry("uniqueVisitors", 2);

        String csv = new String(given().auth().oauth2(admin).accept("text/csv")
                .get("/api/v1/reports/daily/" + third).then().statusCode(200).extract().asByteArray(),
                StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFF").contains("Trường THPT Lê Quý Đôn,3,2,1,1,1,0,0,0,0");
        byte[] pdf = given().auth().oauth2(admin).queryParam("format", "pdf").get("/api/v1/reports/daily/" + third)
                .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
        assertThat(new PdfTextExtractor(new PdfReader(pdf)).getTextFromPage(1))
                .contains("BÁO CÁO TÌNH HÌNH").contains("2021-08-03").contains("Trường THPT Lê Quý Đôn");
    }

    @Test
    void anOrganizationsDayIsReportedOnceItHasEndedAtEachOfItsSitesEachCountingItsOwnDay() {
        String organization = Api.unique("Công ty Việt Ấn");
        Api.TestSite hanoi = Api.createSite(Map.of("name", "Trụ sở Hà Nội", "organization", organization,
                "timeZone", "Asia/Ho_Chi_Minh"));
        Api.TestSite kolkata = Api.createSite(Map.of("name", "Chi nhánh Kolkata", "organization", organization,
                "timeZone", "Asia/Kolkata"));
        Visits.visit(hanoi, Api.randomPhone()).from("2021-11-16T02:00:00Z").to("2021-11-16T03:00:00Z"); // 09:00
        Visits.visit(hanoi, Api.randomPhone()).from("2021-11-16T17:10:00Z").to("2021-11-16T17:40:00Z"); // 00:10, 17th
        Visits.visit(kolkata, Api.randomPhone()).from("2021-11-15T18:00:00Z").to("2021-11-15T18:20:00Z"); // 23:30, 15th
        Visits.visit(kolkata, Api.randomPhone()).from("2021-11-16T04:00:00Z").to("2021-11-16T05:00:00Z"); // 09:30

        daily.produceMissing(AFTER_HANOI_MIDNIGHT);
        // Then someone checks in at 23:30 in Kolkata, 01:00 on the 17th in Hanoi.
        Visits.visit(kolkata, Api.randomPhone()).withFever().from("2021-11-16T18:00:00Z").to("2021-11-16T18:20:00Z");

        JsonPath early = reports(organization);
        assertThat(early.getList("items.day", String.class)).as("the 16th goes on in Kolkata: not yet reported")
                .containsExactly("2021-11-15", "2021-11-14", "2021-11-13", "2021-11-12", "2021-11-11",
                        "2021-11-10", "2021-11-09");
        JsonPath fifteenth = report(early, "2021-11-15");
        assertThat(siteRow(fifteenth, kolkata)).containsEntry("checkIns", 1);

        daily.produceMissing(AFTER_KOLKATA_MIDNIGHT);

        JsonPath later = reports(organization);
        assertThat(later.getList("items.day", String.class)).startsWith("2021-11-16", "2021-11-15").hasSize(8);
        JsonPath sixteenth = report(later, "2021-11-16");
        assertThat(siteRow(sixteenth, kolkata)).as("its own day, 23:30 included")
                .containsEntry("checkIns", 2).containsEntry("flagged", 1);
        assertThat(siteRow(sixteenth, hanoi)).as("its own day, without 00:10 on the 17th").containsEntry("checkIns", 1);
        assertThat(sixteenth.getInt("totals.checkIns")).isEqualTo(3);
    }

    private static JsonPath reports(String organization) {
        return given().auth().oauth2(Api.adminToken()).queryParam("organization", organization)
                .get("/api/v1/reports/daily").then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath report(JsonPath list, String day) {
        return given().auth().oauth2(Api.adminToken())
                .get("/api/v1/reports/daily/" + list.getString("items.find { it.day == '" + day + "' }.id"))
                .then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> siteRow(JsonPath report, Api.TestSite site) {
        return report.getMap("sites.find { it.siteId == '" + site.id() + "' }");
    }

    @Test
    void storedReportsAreForAdministratorsAndTracers() {
        Api.TestSite site = Api.createSite();
        given().get("/api/v1/reports/daily").then().statusCode(401);
        given().auth().oauth2(Api.reception(site.id()).token()).get("/api/v1/reports/daily").then().statusCode(403);
        given().auth().oauth2(Api.tracer().token()).get("/api/v1/reports/daily").then().statusCode(200);
        given().auth().oauth2(Api.adminToken()).get("/api/v1/reports/daily/" + java.util.UUID.randomUUID())
                .then().statusCode(404);
        List<?> none = given().auth().oauth2(Api.adminToken()).queryParam("organization", Api.unique("none"))
                .get("/api/v1/reports/daily").then().statusCode(200).extract().path("items");
        assertThat(none).isEmpty();
    }
}
