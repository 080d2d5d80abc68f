package vn.checkin.report;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import vn.checkin.support.Api;
import vn.checkin.support.Visits;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The summary against an independent count of the visits this test made, in March 2021 (no other test uses it):
 * local-day boundaries in two time zones, one person under two phone spellings, flagged, auto-closed and open
 * visits, a silent site and an inactive one.
 */
@QuarkusTest
class ReportSummaryTest {

    private static final LocalDate FROM = LocalDate.parse("2021-03-10");
    private static final LocalDate TO = LocalDate.parse("2021-03-11");

    /** What the test stored: site, zone, arrival, person (normalised by the test), flags, auto, open. */
    record Made(String siteId, ZoneId zone, Instant in, String person, boolean fever, boolean auto, boolean open) {
    }

    private final List<Made> made = new ArrayList<>();

    @Test
    void countsMatchAnIndependentComputationWithLocalDays() {
        Api.TestSite hcm = Api.createSite(Map.of("name", "Bộ phận một cửa Quận 3"));
        Api.TestSite tokyo = Api.createSite(Map.of("name", "Văn phòng Tokyo", "timeZone", "Asia/Tokyo"));
        Api.TestSite silent = Api.createSite(Map.of("name", "Chi nhánh im lặng"));
        Api.TestSite inactive = Api.createSite(Map.of("name", "Chi nhánh đã đóng"));
        given().auth().oauth2(Api.adminToken()).contentType("application/json").body(Map.of("active", false))
                .patch("/api/v1/sites/" + inactive.id()).then().statusCode(200);
        String lan = Api.randomPhone();
        String lanSpaced = "+84 " + lan.substring(1, 4) + " " + lan.substring(4, 7) + " " + lan.substring(7);
        String minh = Api.randomPhone();
        String hoa = Api.randomPhone();

        store(hcm, lan, "2021-03-09T16:30:00Z", false, false, false);      // 23:30 on the 9th: before the period
        store(hcm, lanSpaced, "2021-03-09T17:00:00Z", true, false, false); // 00:00 on the 10th
        store(hcm, minh, "2021-03-11T16:30:00Z", false, true, false);      // 23:30 on the 11th: last minute in
        store(hcm, hoa, "2021-03-11T17:00:00Z", false, false, false);      // 00:00 on the 12th: after the period
        store(hcm, hoa, "2021-03-10T03:00:00Z", true, false, true);        // still on site
        store(tokyo, lan, "2021-03-09T15:30:00Z", false, false, false);    // 00:30 on the 10th in Tokyo
        store(tokyo, minh, "2021-03-11T15:30:00Z", false, false, false);   // 00:30 on the 12th in Tokyo

        Api.Staff reception = Api.reception(hcm.id(), tokyo.id(), silent.id(), inactive.id());
        JsonPath report = given().auth().oauth2(reception.token())
                .queryParam("from", FROM.toString()).queryParam("to", TO.toString())
                .get("/api/v1/reports/summary").then().statusCode(200).extract().jsonPath();

        for (Api.TestSite site : List.of(hcm, tokyo, silent, inactive)) {
            Map<String, Object> row = siteRow(report, site.id());
            List<Made> in = inPeriod(site.id());
            assertThat(row).as(site.name())
                    .containsEntry("checkIns", in.size())
                    .containsEntry("uniqueVisitors", persons(in).size())
                    .containsEntry("flagged", (int) in.stream().filter(Made::fever).count())
                    .containsEntry("autoClosed", (int) in.stream().filter(Made::auto).count())
                    .containsEntry("openNow", (int) made.stream().filter(m -> m.siteId().equals(site.id()) && m.open())
                            .count());
        }
        List<Made> all = inPeriod(null);
        assertThat(report.getInt("totals.checkIns")).isEqualTo(all.size()).isEqualTo(4);
        assertThat(report.getInt("totals.uniqueVisitors")).isEqualTo(persons(all).size()).isEqualTo(3);
        assertThat(report.getInt("totals.flagged")).isEqualTo(2);
        assertThat(report.getInt("totals.flaggedByKind.fever")).isEqualTo(2);
        assertThat(report.getInt("totals.autoClosed")).isEqualTo(1);
        assertThat(report.getList("silentSites.siteId", String.class)).containsExactly(silent.id());
        assertThat(report.getString("from")).isEqualTo("2021-03-10");
    }

    @Test
    void csvAndPdfCarryTheSameTotals() throws Exception {
        Api.TestSite site = Api.createSite(Map.of("name", "Sở Tư pháp"));
        store(site, Api.randomPhone(), "2021-04-05T02:00:00Z", true, false, false);
        store(site, Api.randomPhone(), "2021-04-05T03:00:00Z", false, false, false);
        Api.Staff reception = Api.reception(site.id());

        byte[] csv = given().auth().oauth2(reception.token()).accept("text/csv")
                .queryParam("from", "2021-04-05").queryParam("to", "2021-04-05")
                .get("/api/v1/reports/summary").then().statusCode(200).contentType("text/csv")
                .extract().asByteArray();
        assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).contains("Sở Tư pháp,2,2,1,1,1,0,0,0,0").contains("Tổng / Total,2,2,1,1,1,0,0,0,0");

        byte[] pdf = given().auth().oauth2(reception.token())
                .queryParam("from", "2021-04-05").queryParam("to", "2021-04-05").queryParam("format", "pdf")
                .get("/api/v1/reports/summary").then().statusCode(200).contentType("application/pdf")
                .extract().asByteArray();
        PdfReader reader = new PdfReader(pdf);
        assertThat(reader.getNumberOfPages()).isEqualTo(1);
        String page = new PdfTextExtractor(reader).getTextFromPage(1);
        assertThat(page).contains("BÁO CÁO TÌNH HÌNH").contains("Sở Tư pháp").contains("Tổng cộng")
                .contains(reception.username());
    }

    @Test
    void receptionSeesOnlyItsSitesAndAnonymousIsRefused() {
        Api.TestSite own = Api.createSite();
        Api.TestSite other = Api.createSite();
        JsonPath report = given().auth().oauth2(Api.reception(own.id()).token())
                .queryParam("from", "2021-05-01").queryParam("to", "2021-05-31")
                .get("/api/v1/reports/summary").then().statusCode(200).extract().jsonPath();
        assertThat(report.getList("sites.siteId", String.class)).containsExactly(own.id());

        JsonPath all = given().auth().oauth2(Api.tracer().token())
                .queryParam("from", "2021-05-01").queryParam("to", "2021-05-31")
                .get("/api/v1/reports/summary").then().statusCode(200).extract().jsonPath();
        assertThat(all.getList("sites.siteId", String.class)).contains(own.id(), other.id());

        given().queryParam("from", "2021-05-01").queryParam("to", "2021-05-31")
                .get("/api/v1/reports/summary").then().statusCode(401);
    }

    @Test
    void aPeriodMustBeDaysInOrder() {
        String token = Api.adminToken();
        given().auth().oauth2(token).queryParam("from", "2021-05-02").queryParam("to", "2021-05-01")
                .get("/api/v1/reports/summary").then().statusCode(400).body("violations[0].field",
                        org.hamcrest.Matchers.equalTo("to"));
        given().auth().oauth2(token).queryParam("from", "yesterday").queryParam("to", "2021-05-01")
                .get("/api/v1/reports/summary").then().statusCode(400).body("violations[0].field",
                        org.hamcrest.Matchers.equalTo("from"));
        given().auth().oauth2(token).queryParam("from", "2020-01-01").queryParam("to", "2021-05-01")
                .get("/api/v1/reports/summary").then().statusCode(400);
    }

    private void store(Api.TestSite site, String phone, String in, boolean fever, boolean auto, boolean open) {
        Visits.Builder visit = Visits.visit(site, phone).from(in);
        if (fever) {
            visit.withFever();
        }
        Instant arrival = Instant.parse(in);
        if (open) {
            visit.stillOnSite();
        } else if (auto) {
            visit.autoClosedAt(arrival.plusSeconds(4 * 3600).toString());
        } else {
            visit.to(arrival.plusSeconds(1800).toString());
        }
        String zone = site.name().contains("Tokyo") ? "Asia/Tokyo" : "Asia/Ho_Chi_Minh";
        made.add(new Made(site.id(), ZoneId.of(zone), arrival, person(phone), fever, auto, open));
    }

    private List<Made> inPeriod(String siteId) {
        return made.stream().filter(m -> siteId == null || m.siteId().equals(siteId)).filter(m -> {
            LocalDate day = m.in().atZone(m.zone()).toLocalDate();
            return !day.isBefore(FROM) && !day.isAfter(TO);
        }).toList();
    }

    private static Set<String> persons(List<Made> visits) {
        Set<String> persons = new HashSet<>();
        visits.forEach(m -> persons.add(m.person()));
        return persons;
    }

    /** The test's own reading of a phone: digits, with the country code 84 written as a leading 0. */
    private static String person(String phone) {
        String digits = phone.replaceAll("\\D", "");
        return digits.startsWith("84") ? "0" + digits.substring(2) : digits;
    }

    private static Map<String, Object> siteRow(JsonPath report, String siteId) {
        return report.getMap("sites.find { it.siteId == '" + siteId + "' }");
    }
}
