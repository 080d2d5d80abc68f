package vn.checkin.report;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import vn.checkin.ops.AutoCheckout;
import vn.checkin.ops.RetentionPurge;
import vn.checkin.support.Api;
import vn.checkin.support.Visits;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The figures of ended days are stored by the first report that reads them and used by the next ones, but never
 * once the day's visits changed: each test changes an ended day in one of the ways the service can (an automatic
 * checkout, a second check-in of someone still on site, a new time zone, a purge) and compares the report with
 * the visits. Days in 2023 (no other test stores visits then), except the purge, which works in 2022's past, and
 * the background job at fixed instants, which stores the month up to October 2022.
 */
@QuarkusTest
class ReportStoredDaysTest {

    @Inject
    EntityManager em;

    @Inject
    AutoCheckout autoCheckout;

    @Inject
    RetentionPurge purge;

    @Inject
    ReportQueries queries;


    @Inject
    SiteDays siteDays;

    @Test
    void anEndedDayIsStoredOnceAndReadBackWithTheSameFigures() {
        Api.TestSite site = Api.createSite();
        String lan = Api.randomPhone();
        Visits.visit(site, lan).withFever().from("2023-02-01T02:00:00Z").to("2023-02-01T03:00:00Z");
        Visits.visit(site, lan).from("2023-02-02T02:00:00Z").to("2023-02-02T03:00:00Z");
        Visits.visit(site, Api.randomPhone()).from("2023-02-02T04:00:00Z").autoClosedAt("2023-02-02T08:00:00Z");

        JsonPath first = summary(site, "2023-02-01", "2023-02-03");
        assertThat(storedDays(site)).as("every ended day of the period, the empty one too").isEqualTo(3);
        JsonPath second = summary(site, "2023-02-01", "2023-02-03");

        for (JsonPath report : List.of(first, second)) {
            assertThat(row(report, site)).containsEntry("checkIns", 3).containsEntry("uniqueVisitors", 2)
                    .containsEntry("flagged", 1).containsEntry("autoClosed", 1);
        }
        assertThat(row(summary(site, "2023-02-02", "2023-02-02"), site)).containsEntry("checkIns", 2)
                .containsEntry("uniqueVisitors", 2);
    }

    @Test
    void storedFiguresCountOnlyWithTheSiteVersionTheyWereComputedAt() {
        Api.TestSite site = Api.createSite();
        Visits.visit(site, Api.randomPhone()).from("2023-03-01T02:00:00Z").to("2023-03-01T03:00:00Z");
        summary(site, "2023-03-01", "2023-03-01");

        // Proof that the stored row is what the next report reads: a figure written into it shows up...
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update report_site_day set check_ins = 41 where site_id = ?1").setParameter(1, id(site)).executeUpdate());
        assertThat(row(summary(site, "2023-03-01", "2023-03-01"), site)).containsEntry("checkIns", 41);

        // ...until the site's version moves on, and the day is read from its visits again.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update site set report_version = report_version + 1 where id = ?1").setParameter(1, id(site))
                .executeUpdate());
        assertThat(row(summary(site, "2023-03-01", "2023-03-01"), site)).containsEntry("checkIns", 1);
    }

    @Test
    void figuresReadBeforeAChangeToTheirDayAreNotStoredOverIt() {
        Api.TestSite site = Api.createSite();
        Visits.TestVisit visit = Visits.visit(site, Api.randomPhone()).from("2023-07-01T02:00:00Z")
                .to("2023-07-01T03:00:00Z");
        LocalDate day = LocalDate.parse("2023-07-01");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "delete from report_site_day where site_id = ?1").setParameter(1, id(site)).executeUpdate());

        // A report read the day while it had no row (version 0); the day changed before the report stored it: an
        // edit straight in the table, which the database's trigger notices.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update visit set checkout_source = 'AUTO' where id = ?1").setParameter(1, UUID.fromString(visit.id()))
                .executeUpdate());
        QuarkusTransaction.requiringNew().run(() -> queries.store(List.of(new ReportQueries.StoredDay(id(site), day,
                0, 0, false, 99, 0, new ReportViews.FlagCounts(0, 0, 0, 0), 0, new byte[0]))));

        assertThat(QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select stale from report_site_day where site_id = ?1").setParameter(1, id(site)).getSingleResult()))
                .isEqualTo(true);
        assertThat(row(summary(site, "2023-07-01", "2023-07-01"), site)).containsEntry("checkIns", 1);
        assertThat(QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select stale from report_site_day where site_id = ?1").setParameter(1, id(site)).getSingleResult()))
                .as("the report that read the day after the change stored it").isEqualTo(false);
    }

    @Test
    void anAutomaticCheckoutOfAnEndedDayIsInTheNextReport() {
        Api.TestSite site = Api.createSite();
        Visits.visit(site, Api.randomPhone()).from("2023-04-01T02:00:00Z").stillOnSite();
        assertThat(row(summary(site, "2023-04-01", "2023-04-01"), site))
                .containsEntry("autoClosed", 0).containsEntry("openNow", 1);

        autoCheckout.closeOverdue(Instant.now());

        assertThat(row(summary(site, "2023-04-01", "2023-04-01"), site))
                .containsEntry("autoClosed", 1).containsEntry("openNow", 0);
    }

    @Test
    void checkingInAgainClosesAStayOfAnEndedDayAndTheReportSeesIt() {
        Api.TestSite site = Api.createSite();
        String phone = Api.randomPhone();
        Visits.visit(site, phone).from("2023-05-01T02:00:00Z").stillOnSite();
        assertThat(row(summary(site, "2023-05-01", "2023-05-01"), site)).containsEntry("autoClosed", 0);

        Api.checkin(site, "Phan Văn Quay Lại", phone);

        assertThat(row(summary(site, "2023-05-01", "2023-05-01"), site)).containsEntry("autoClosed", 1)
                .containsEntry("checkIns", 1);
    }

    @Test
    void aNewTimeZoneMovesVisitsToTheirNewLocalDays() {
        Api.TestSite site = Api.createSite();
        // 23:30 on 1 June in Ho Chi Minh City, 01:30 on 2 June in Tokyo.
        Visits.visit(site, Api.randomPhone()).from("2023-06-01T16:30:00Z").to("2023-06-01T17:00:00Z");
        assertThat(row(summary(site, "2023-06-01", "2023-06-01"), site)).containsEntry("checkIns", 1);
        assertThat(row(summary(site, "2023-06-02", "2023-06-02"), site)).containsEntry("checkIns", 0);

        given().auth().oauth2(Api.adminToken()).contentType("application/json").body(Map.of("timeZone", "Asia/Tokyo"))
                .patch("/api/v1/sites/" + site.id()).then().statusCode(200);

        assertThat(row(summary(site, "2023-06-01", "2023-06-01"), site)).containsEntry("checkIns", 0);
        assertThat(row(summary(site, "2023-06-02", "2023-06-02"), site)).containsEntry("checkIns", 1);
    }

    @Test
    void todayIsAlwaysReadFromTheVisits() {
        Api.TestSite site = Api.createSite();
        String today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).toString();
        Api.checkin(site, "Khách Hôm Nay", Api.randomPhone());
        assertThat(row(summary(site, today, today), site)).containsEntry("checkIns", 1);
        Api.checkin(site, "Khách Hôm Nay Nữa", Api.randomPhone());
        assertThat(row(summary(site, today, today), site)).containsEntry("checkIns", 2);
        assertThat(storedDays(site)).isZero();
    }

    @Test
    void theBackgroundJobStoresTheLastMonthOfEndedDays() {
        Api.TestSite site = Api.createSite();
        Instant noon = Instant.parse("2019-06-20T05:00:00Z"); // no other test stores visits in June 2019
        LocalDate yesterday = LocalDate.ofInstant(noon, ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(1);
        Visits.visit(site, Api.randomPhone()).withFever()
                .from(yesterday.atTime(10, 0).atZone(ZoneId.of("Asia/Ho_Chi_Minh")).toInstant().toString())
                .to(yesterday.atTime(11, 0).atZone(ZoneId.of("Asia/Ho_Chi_Minh")).toInstant().toString());

        siteDays.storeRecentDays(noon);

        assertThat(storedDays(site)).isEqualTo(SiteDays.RECENT_DAYS);
        assertThat(QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select check_ins, flagged, stale from report_site_day where site_id = ?1 and local_day = ?2")
                .setParameter(1, id(site)).setParameter(2, yesterday).getSingleResult()))
                .satisfies(r -> assertThat((Object[]) r).extracting(v -> v.toString()).containsExactly("1", "1", "false"));
        assertThat(row(summary(site, yesterday.toString(), yesterday.toString()), site)).containsEntry("checkIns", 1)
                .containsEntry("flagged", 1);
    }

    @Test
    void theBackgroundJobStoresASitesDayOnlyOnceItHasEndedInTheSitesOwnZone() {
        String organization = Api.unique("Công ty Việt Ấn");
        Api.TestSite hanoi = Api.createSite(Map.of("organization", organization, "timeZone", "Asia/Ho_Chi_Minh"));
        Api.TestSite kolkata = Api.createSite(Map.of("organization", organization, "timeZone", "Asia/Kolkata"));
        LocalDate day = LocalDate.parse("2022-10-12");
        Visits.visit(hanoi, Api.randomPhone()).from("2022-10-12T03:00:00Z").to("2022-10-12T04:00:00Z");
        Visits.visit(kolkata, Api.randomPhone()).from("2022-10-12T05:00:00Z").to("2022-10-12T06:00:00Z");
        // 23:30 in Kolkata, 01:00 on the 13th in Hanoi.
        Visits.visit(kolkata, Api.randomPhone()).from("2022-10-12T18:00:00Z").to("2022-10-12T18:20:00Z");

        siteDays.storeRecentDays(Instant.parse("2022-10-12T18:15:00Z")); // 01:15 in Hanoi, 23:45 in Kolkata

        assertThat(checkIns(hanoi, day)).containsExactly(1);
        assertThat(checkIns(kolkata, day)).as("the 12th goes on in Kolkata").isEmpty();
        assertThat(storedDays(hanoi)).isEqualTo(SiteDays.RECENT_DAYS);
        assertThat(storedDays(kolkata)).as("its own last month of ended days, to the 11th")
                .isEqualTo(SiteDays.RECENT_DAYS);
        assertThat(checkIns(kolkata, day.minusDays(SiteDays.RECENT_DAYS))).containsExactly(0);

        siteDays.storeRecentDays(Instant.parse("2022-10-12T18:30:00Z")); // midnight in Kolkata
        assertThat(checkIns(kolkata, day)).as("ended less than %s ago", SiteDays.STORE_AFTER).isEmpty();

        siteDays.storeRecentDays(Instant.parse("2022-10-12T19:30:00Z")); // an hour after midnight in Kolkata

        assertThat(checkIns(kolkata, day)).as("the whole day, 23:30 included").containsExactly(2);
        assertThat(checkIns(hanoi, day.plusDays(1))).as("the 13th goes on in Hanoi").isEmpty();
    }

    @Test
    void aPurgeTakesTheStoredDaysAndTheirPersonsWithTheVisits() {
        Api.TestSite site = Api.createSite();
        Visits.visit(site, Api.randomPhone()).from("2022-01-10T02:00:00Z").to("2022-01-10T03:00:00Z");
        summary(site, "2022-01-10", "2022-01-10");
        assertThat(storedDays(site)).isEqualTo(1);

        purge.purge(Instant.parse("2022-07-01T00:00:00Z"));

        assertThat(storedDays(site)).isZero();
        assertThat(row(summary(site, "2022-01-10", "2022-01-10"), site)).containsEntry("checkIns", 0)
                .containsEntry("uniqueVisitors", 0);
    }

    private static JsonPath summary(Api.TestSite site, String from, String to) {
        return given().auth().oauth2(Api.reception(site.id()).token()).queryParam("from", from).queryParam("to", to)
                .get("/api/v1/reports/summary").then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> row(JsonPath report, Api.TestSite site) {
        return report.getMap("sites.find { it.siteId == '" + site.id() + "' }");
    }

    /** Days of the site with stored figures that count (rows marked stale by a change do not). */
    private long storedDays(Api.TestSite site) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from report_site_day where site_id = ?1 and not stale").setParameter(1, id(site))
                .getSingleResult()).longValue());
    }

    /** The stored check-ins of the site's day: none when the day is not stored (or only marked stale). */
    private List<Integer> checkIns(Api.TestSite site, LocalDate day) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select check_ins from report_site_day where site_id = ?1 and local_day = ?2 and not stale")
                .setParameter(1, id(site)).setParameter(2, day).getResultList().stream()
                .map(n -> ((Number) n).intValue()).toList());
    }

    private static UUID id(Api.TestSite site) {
        return UUID.fromString(site.id());
    }
}
