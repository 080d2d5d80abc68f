package vn.checkin.visit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.checkin.common.CheckinConfig;
import vn.checkin.common.GroupCommit;
import vn.checkin.ops.AutoCheckout;
import vn.checkin.support.Api;
import vn.checkin.support.Visits;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-open-visit rule and the end of a visit under real races, on whichever database the suite runs on (H2, or
 * PostgreSQL with the pg test profile). Every racer waits at one gate and starts at once. A second
 * {@link GroupCommit}, beside the service's own, stands for a second instance sharing the database: the two never
 * group each other's works, so only the database's unique indexes stand between their arrivals.
 */
@QuarkusTest
class VisitRacesTest {

    private static final Logger LOG = Logger.getLogger(VisitRacesTest.class);

    @Inject
    VisitRepository visits;
    @Inject
    OneOpenVisit oneOpenVisit;
    @Inject
    CheckinService checkins;
    @Inject
    CheckoutTokens tokens;
    @Inject
    AutoCheckout autoCheckout;
    @Inject
    EntityManager em;
    @Inject
    CheckinConfig config;

    private final ExecutorService racers = Executors.newFixedThreadPool(48);

    @AfterEach
    void stopRacers() {
        racers.shutdownNow();
    }

    @Test
    void fortyCheckinsInThreeSpellingsAndFiveStaffEntriesOfOnePersonLeaveOneOpenVisit() throws Exception {
        Api.TestSite site = Api.createSite();
        String staff = Api.reception(site.id()).token();
        String digits = Api.randomPhone().substring(1);
        String[] spellings = {"0" + digits, "+84 " + digits, "84" + digits};
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Map<String, Object> body = Api.checkinBody(site.checkinUrl(), "Trần Thị Chen Lấn", spellings[i % 3]);
            answers.add(racers.submit(atGate(gate, () -> given().contentType(ContentType.JSON).body(body)
                    .post("/api/v1/checkins").statusCode())));
        }
        for (int i = 0; i < 5; i++) {
            Map<String, Object> body = staffEntry(spellings[i % 3]);
            answers.add(racers.submit(atGate(gate, () -> given().auth().oauth2(staff).contentType(ContentType.JSON)
                    .body(body).post("/api/v1/sites/{id}/visits", site.id()).statusCode())));
        }

        gate.countDown();

        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            statuses.add(answer.get(120, TimeUnit.SECONDS));
        }
        assertThat(statuses).containsOnly(201);
        assertOneOpenVisitAndTheOthersClosedAtTheNextArrival(UUID.fromString(site.id()), "+84" + digits, 45);
    }

    @Test
    void arrivalsOfOnePersonThroughTwoInstancesLeaveOneOpenVisit() throws Exception {
        Api.TestSite site = Api.createSite();
        UUID siteId = UUID.fromString(site.id());
        String phone = "+84" + Api.randomPhone().substring(1);
        GroupCommit[] instances = {groupCommitOfAnotherInstance(), groupCommitOfAnotherInstance()};
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<UUID>> arrivals = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            GroupCommit instance = instances[i % 2];
            arrivals.add(racers.submit(atGate(gate, () -> instance.run(() -> arrive(siteId, phone), oneOpenVisit,
                    new OneOpenVisit.Arrival(siteId, phone, null)))));
        }

        gate.countDown();

        Set<UUID> stored = new HashSet<>();
        for (Future<UUID> arrival : arrivals) {
            stored.add(arrival.get(120, TimeUnit.SECONDS));
        }
        assertThat(stored).hasSize(40);
        assertOneOpenVisitAndTheOthersClosedAtTheNextArrival(siteId, phone, 40);
    }

    /**
     * A visitor's checkout and the auto-checkout closing the same overdue visit at once: whichever wins, the visit
     * has one end, and the visitor is told the stored one. Visits of 2017 (no other test stores visits that early),
     * auto-checkout at a fixed instant that only they are overdue at.
     */
    @Test
    void aCheckoutRacingTheAutoCheckoutLeavesOneConsistentEnd() throws Exception {
        Api.TestSite site = Api.createSite(Map.of("defaultStayMinutes", 60));
        Instant now = Instant.parse("2017-05-02T12:00:00Z");
        int visitorWon = 0;
        int autoWon = 0;
        for (int round = 0; round < 20; round++) {
            Instant arrival = Instant.parse("2017-05-02T08:00:00Z").plusSeconds(round);
            Visits.TestVisit open = Visits.visit(site, Api.randomPhone()).from(arrival.toString()).stillOnSite();
            UUID id = UUID.fromString(open.id());
            CountDownLatch gate = new CountDownLatch(1);
            // Every other round the visitor comes a little later, so that both orders are raced.
            long lateNanos = round % 2 == 0 ? 0 : TimeUnit.MILLISECONDS.toNanos(4L * round);
            Future<VisitViews.CheckoutResponse> visitor = racers.submit(atGate(gate, () -> {
                java.util.concurrent.locks.LockSupport.parkNanos(lateNanos);
                return checkins.checkout(id, tokens.tokenFor(id));
            }));
            Future<Integer> auto = racers.submit(atGate(gate, () -> autoCheckout.closeOverdue(now)));

            gate.countDown();

            VisitViews.CheckoutResponse answer = visitor.get(60, TimeUnit.SECONDS);
            auto.get(60, TimeUnit.SECONDS);
            Visit stored = QuarkusTransaction.requiringNew().call(() -> visits.findById(id));
            assertThat(answer.checkedOutAt()).isEqualTo(stored.checkedOutAt);
            assertThat(answer.checkoutSource()).isEqualTo(stored.checkoutSource);
            if (stored.checkoutSource == Visit.CheckoutSource.AUTO) {
                assertThat(stored.checkedOutAt).isEqualTo(arrival.plusSeconds(3600));
                autoWon++;
            } else {
                assertThat(stored.checkoutSource).isEqualTo(Visit.CheckoutSource.VISITOR);
                assertThat(stored.checkedOutAt).isAfter(arrival.plusSeconds(3600));
                visitorWon++;
            }
        }
        LOG.infof("Checkout vs auto-checkout, 20 races: visitor first %d, auto-checkout first %d", visitorWon, autoWon);
    }

    private void assertOneOpenVisitAndTheOthersClosedAtTheNextArrival(UUID siteId, String phone, int expected) {
        List<Visit> stays = QuarkusTransaction.requiringNew().call(() -> visits
                .list("siteId = ?1 and phone = ?2", siteId, phone)).stream()
                .sorted(Comparator.comparing((Visit v) -> v.checkedInAt).thenComparing(v -> v.id)).toList();
        LOG.infof("Race of one person: %d visits stored, %d open", stays.size(),
                stays.stream().filter(v -> v.checkedOutAt == null).count());
        assertThat(stays).hasSize(expected);
        assertThat(stays).filteredOn(v -> v.checkedOutAt == null).hasSize(1);
        Visit open = stays.stream().filter(v -> v.checkedOutAt == null).findFirst().orElseThrow();
        // Two arrivals can share a millisecond: the open one is then the one stored second, of either id.
        assertThat(open.checkedInAt).as("the open visit is the last arrival")
                .isEqualTo(stays.get(stays.size() - 1).checkedInAt);
        Set<Instant> arrivals = new HashSet<>();
        stays.forEach(v -> arrivals.add(v.checkedInAt));
        for (Visit closed : stays.stream().filter(v -> v != open).toList()) {
            assertThat(closed.checkoutSource).isEqualTo(Visit.CheckoutSource.AUTO);
            assertThat(closed.checkedOutAt).as("closed at an arrival of the same person, not before its own")
                    .isIn(arrivals).isAfterOrEqualTo(closed.checkedInAt);
        }
    }

    /** What a check-in's grouped work does: close the person's earlier stays, store the new one. */
    private UUID arrive(UUID siteId, String phone) {
        Visit visit = vn.checkin.visit.Visits.newVisit(siteId,
                new VisitRequests.VisitorInput("Lê Văn Hai Cửa", phone, null, 1980, null, null),
                new VisitRequests.DeclarationInput(null, List.of(), false, false, null, null), null, null,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        visit.entrySource = Visit.EntrySource.QR;
        oneOpenVisit.closeEarlierStays(visit);
        visits.persist(visit);
        return visit.id;
    }

    private GroupCommit groupCommitOfAnotherInstance() {
        return new GroupCommit(em, config.groupCommitWait());
    }

    private static Map<String, Object> staffEntry(String phone) {
        Map<String, Object> body = Api.checkinBody(null, "Trần Thị Chen Lấn", phone);
        body.remove("qr");
        return body;
    }

    private static <T> Callable<T> atGate(CountDownLatch gate, Callable<T> racer) {
        return () -> {
            gate.await(30, TimeUnit.SECONDS);
            return racer.call();
        };
    }
}
