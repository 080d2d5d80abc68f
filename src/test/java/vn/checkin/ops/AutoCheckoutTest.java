package vn.checkin.ops;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.checkin.support.Api;
import vn.checkin.support.Visits;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Auto-checkout at fixed instants in 2023 (no other test stores visits that early): visits open for the site's
 * default stay or longer are closed as AUTO at arrival plus the stay, each exactly once.
 */
@QuarkusTest
class AutoCheckoutTest {

    @Inject
    AutoCheckout autoCheckout;

    @Test
    void closesVisitsOpenForTheDefaultStayAtArrivalPlusTheStay() {
        Api.TestSite site = Api.createSite(Map.of("defaultStayMinutes", 60));
        Visits.TestVisit overdue = Visits.visit(site, Api.randomPhone()).from("2023-03-01T08:00:00Z").stillOnSite();
        Visits.TestVisit exactlyDue = Visits.visit(site, Api.randomPhone()).from("2023-03-01T08:30:00Z").stillOnSite();
        Visits.TestVisit notYet = Visits.visit(site, Api.randomPhone()).from("2023-03-01T08:30:01Z").stillOnSite();
        Visits.TestVisit checkedOut = Visits.visit(site, Api.randomPhone()).from("2023-03-01T07:00:00Z")
                .to("2023-03-01T07:10:00Z");

        autoCheckout.closeOverdue(Instant.parse("2023-03-01T09:30:00Z"));

        assertClosed(overdue, "2023-03-01T09:00:00Z", "AUTO");
        assertClosed(exactlyDue, "2023-03-01T09:30:00Z", "AUTO");
        assertClosed(checkedOut, "2023-03-01T07:10:00Z", "VISITOR");
        assertThat((String) given().auth().oauth2(Api.adminToken()).get("/api/v1/visits/" + notYet.id())
                .then().extract().path("status")).isEqualTo("ON_SITE");
    }

    @Test
    void aSecondRunClosesNothingAgain() {
        Api.TestSite site = Api.createSite(Map.of("defaultStayMinutes", 30));
        Visits.TestVisit overdue = Visits.visit(site, Api.randomPhone()).from("2023-04-01T08:00:00Z").stillOnSite();
        Instant now = Instant.parse("2023-04-01T12:00:00Z");

        int first = autoCheckout.closeOverdue(now);
        int second = autoCheckout.closeOverdue(now);

        assertThat(first).isGreaterThanOrEqualTo(1);
        assertThat(second).isZero();
        assertClosed(overdue, "2023-04-01T08:30:00Z", "AUTO");
    }

    /** Uses the earliest day of all these tests, so no other test's open visit is overdue at its instant. */
    @Test
    void twoInstancesRunningAtOnceCloseEachVisitExactlyOnce() throws Exception {
        Api.TestSite site = Api.createSite(Map.of("defaultStayMinutes", 15));
        List<Visits.TestVisit> open = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            open.add(Visits.visit(site, Api.randomPhone()).from(Instant.parse("2023-01-01T08:00:00Z").plusSeconds(i)
                    .toString()).stillOnSite());
        }
        Instant now = Instant.parse("2023-01-01T10:00:00Z");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> run = () -> autoCheckout.closeOverdue(now);
            List<Future<Integer>> runs = pool.invokeAll(List.of(run, run));
            int closed = runs.get(0).get() + runs.get(1).get();
            assertThat(closed).isEqualTo(open.size());
        } finally {
            pool.shutdownNow();
        }
        for (Visits.TestVisit visit : open) {
            assertClosed(visit, visit.checkedInAt().plusSeconds(15 * 60).toString(), "AUTO");
        }
    }

    @Test
    void tracingMarksAutoClosedContactsAsEstimates() {
        Api.TestSite site = Api.createSite(Map.of("defaultStayMinutes", 60));
        String casePhone = Api.randomPhone();
        Visits.visit(site, casePhone).from("2023-06-01T08:00:00Z").to("2023-06-01T10:00:00Z");
        Visits.TestVisit forgot = Visits.visit(site, Api.randomPhone()).from("2023-06-01T08:10:00Z").stillOnSite();
        autoCheckout.closeOverdue(Instant.parse("2023-06-01T12:00:00Z"));

        Map<String, Object> contact = given().auth().oauth2(Api.tracer().token()).contentType("application/json")
                .body(Map.of("case", Map.of("phone", casePhone), "from", "2023-06-01T00:00:00Z",
                        "to", "2023-06-02T00:00:00Z", "reason", "auto-checkout estimate"))
                .post("/api/v1/tracing/queries").then().statusCode(201).extract().path("contacts[0]");
        assertThat(contact).containsEntry("visitId", forgot.id()).containsEntry("autoClosed", true)
                .containsEntry("checkedOutAt", "2023-06-01T09:10:00Z").containsEntry("overlapMinutes", 60);
    }

    private static void assertClosed(Visits.TestVisit visit, String checkedOutAt, String source) {
        Map<String, Object> view = given().auth().oauth2(Api.adminToken()).get("/api/v1/visits/" + visit.id())
                .then().statusCode(200).extract().path("$");
        assertThat(view).containsEntry("status", "CHECKED_OUT").containsEntry("checkoutSource", source)
                .containsEntry("checkedOutAt", checkedOutAt);
    }
}
