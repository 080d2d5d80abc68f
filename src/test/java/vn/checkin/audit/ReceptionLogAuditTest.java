package vn.checkin.audit;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import vn.checkin.support.Api;
import vn.checkin.support.Api.Staff;
import vn.checkin.support.Api.TestSite;
import vn.checkin.support.Sessions;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reception screen reads its day log every 4 seconds. Its log is audited when a login session opens it and when
 * its site, day or filter changes; the polls in between, and other pages of the same log, are not. Each test makes
 * its own receptionists, so it counts exactly the entries of its own actors.
 */
@QuarkusTest
class ReceptionLogAuditTest {

    private static final String VIEW = "RECEPTION_LOG_VIEW";
    private static final String TODAY = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).toString();

    @Test
    void pollsAndPagesOfTheSameLogInOneSessionAreOneEntryNamingTheSession() {
        TestSite site = Api.createSite();
        Staff desk = Api.reception(site.id());
        String token = Sessions.withSession(desk.token());

        for (int poll = 0; poll < 12; poll++) {
            read(token, site, Map.of("date", TODAY, "page", poll % 3, "size", poll % 2 == 0 ? 50 : 20));
        }

        List<Map<String, Object>> entries = views(desk);
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0)).containsEntry("target", site.id())
                .containsEntry("sessionId", Sessions.sessionOf(token));
        assertThat((String) entries.get(0).get("detail")).isEqualTo("date=" + TODAY);
    }

    @Test
    void eachChangeOfDaySiteStatusFlaggedOrSearchIsOneMoreEntryAndGoingBackIsAChangeToo() {
        TestSite site = Api.createSite();
        TestSite other = Api.createSite();
        Staff desk = Api.reception(site.id(), other.id());
        String token = Sessions.withSession(desk.token());
        String yesterday = LocalDate.parse(TODAY).minusDays(1).toString();

        pollTwice(token, site, Map.of("date", TODAY));
        pollTwice(token, site, Map.of("date", yesterday));
        pollTwice(token, site, Map.of("date", yesterday, "status", "ON_SITE"));
        pollTwice(token, site, Map.of("date", yesterday, "status", "ON_SITE", "flagged", true));
        pollTwice(token, site, Map.of("date", yesterday, "status", "ON_SITE", "flagged", true, "q", "Nguyễn"));
        // Another search text: the entry records a search only as present, so this is the same view.
        pollTwice(token, site, Map.of("date", yesterday, "status", "ON_SITE", "flagged", true, "q", "Trần"));
        pollTwice(token, other, Map.of("date", yesterday, "status", "ON_SITE", "flagged", true, "q", "Trần"));
        pollTwice(token, site, Map.of("date", TODAY));
        // No date is today's date: the same view as the one before.
        pollTwice(token, site, Map.of());

        List<Map<String, Object>> entries = views(desk);
        assertThat(entries).extracting(e -> e.get("target") + " " + e.get("detail")).containsExactly(
                site.id() + " date=" + TODAY,
                other.id() + " date=" + yesterday + ", status=ON_SITE, flagged=true, search=yes",
                site.id() + " date=" + yesterday + ", status=ON_SITE, flagged=true, search=yes",
                site.id() + " date=" + yesterday + ", status=ON_SITE, flagged=true",
                site.id() + " date=" + yesterday + ", status=ON_SITE",
                site.id() + " date=" + yesterday,
                site.id() + " date=" + TODAY);
        assertThat(entries).extracting(e -> e.get("sessionId")).containsOnly(Sessions.sessionOf(token));
    }

    @Test
    void twoLoginsOfOneReceptionistAreTwoSessionsWithAnEntryEach() {
        TestSite site = Api.createSite();
        Staff desk = Api.reception(site.id());
        String first = Api.login(desk.username(), Api.STAFF_PASSWORD);
        String second = Api.login(desk.username(), Api.STAFF_PASSWORD);
        if (Sessions.sessionOf(first) != null) {
            // Logins name their sessions: two logins are two sessions.
            assertThat(Sessions.sessionOf(second)).isNotNull().isNotEqualTo(Sessions.sessionOf(first));
        } else {
            // Tokens issued before the session work carry no sid: give each login a session of its own.
            first = Sessions.withSession(first);
            second = Sessions.withSession(second);
        }

        for (int poll = 0; poll < 5; poll++) {
            read(first, site, Map.of("date", TODAY));
            read(second, site, Map.of("date", TODAY));
        }

        assertThat(views(desk)).extracting(e -> e.get("sessionId"))
                .containsExactlyInAnyOrder(Sessions.sessionOf(first), Sessions.sessionOf(second));
    }

    @Test
    void manyScreensPollingAtOnceEachLeaveOneEntryUnderTheirOwnUserAndSession() throws Exception {
        TestSite site = Api.createSite();
        List<Staff> desks = List.of(Api.reception(site.id()), Api.reception(site.id()), Api.reception(site.id()));
        List<String> tokens = desks.stream().map(d -> Sessions.withSession(d.token())).toList();

        List<Integer> statuses = inParallel(30, i -> read(tokens.get(i % 3), site, Map.of("date", TODAY)));

        assertThat(statuses).containsOnly(200);
        for (int i = 0; i < desks.size(); i++) {
            assertThat(views(desks.get(i))).as(desks.get(i).username()).singleElement()
                    .extracting(e -> e.get("sessionId")).isEqualTo(Sessions.sessionOf(tokens.get(i)));
        }
    }

    /**
     * An hour of one reception screen: a poll every 4 seconds (900), and the receptionist looks at the flagged
     * visitors twice, searches once and goes back to the whole log each time (6 changes). Before, every poll was
     * an entry.
     */
    @Test
    void anHourOfOneScreenIsAHandfulOfEntries() {
        TestSite site = Api.createSite();
        Staff desk = Api.reception(site.id());
        String token = Sessions.withSession(desk.token());
        Map<Integer, Map<String, Object>> changes = Map.of(
                100, Map.of("date", TODAY, "flagged", true), 130, Map.of("date", TODAY),
                400, Map.of("date", TODAY, "q", "Lê"), 420, Map.of("date", TODAY),
                700, Map.of("date", TODAY, "flagged", true), 760, Map.of("date", TODAY));

        anHour(token, site, changes);

        int rows = views(desk).size();
        System.out.printf("Audit rows of one reception screen's hour, with a session (900 polls at 4 s, %d filter "
                + "changes): %d%n", changes.size(), rows);
        assertThat(rows).isEqualTo(1 + changes.size());
    }

    /** 900 polls, the view changed at the given polls. */
    private static void anHour(String token, TestSite site, Map<Integer, Map<String, Object>> changes) {
        Map<String, Object> shown = Map.of("date", TODAY);
        for (int poll = 0; poll < 900; poll++) {
            shown = changes.getOrDefault(poll, shown);
            read(token, site, shown);
        }
    }

    // --- Helpers -------------------------------------------------------------------------------------------------

    private static void pollTwice(String token, TestSite site, Map<String, Object> params) {
        read(token, site, params);
        read(token, site, params);
    }

    private static int read(String token, TestSite site, Map<String, ?> params) {
        Map<String, Object> query = new HashMap<>();
        params.forEach((name, value) -> query.put(name, String.valueOf(value)));
        return given().auth().oauth2(token).accept(ContentType.JSON).queryParams(query)
                .get("/api/v1/sites/" + site.id() + "/visits")
                .then().statusCode(200).extract().statusCode();
    }

    /** The desk's log views, newest first. */
    private static List<Map<String, Object>> views(Staff desk) {
        return given().auth().oauth2(Api.adminToken())
                .queryParam("actor", desk.username()).queryParam("action", VIEW).queryParam("size", 200)
                .get("/api/v1/audit")
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    private interface Call {
        int run(int index) throws Exception;
    }

    private static List<Integer> inParallel(int calls, Call call) throws Exception {
        ExecutorService screens = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                int index = i;
                futures.add(screens.submit(() -> call.run(index)));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> future : futures) {
                statuses.add(future.get(30, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            screens.shutdownNow();
        }
    }
}
