package vn.checkin.ops;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.checkin.site.Site;
import vn.checkin.site.SiteRepository;
import vn.checkin.support.FixedClock;
import vn.checkin.visit.Visit;
import vn.checkin.visit.VisitRepository;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jobs as the scheduler calls them, reading time from the injected clock, here fixed at 2020-02-01 10:00 UTC.
 * The test profile keeps visits 30 days and declaration answers 14 days. Checked through the repositories:
 * the API's tokens would be issued at the fixed instant too.
 */
@QuarkusTest
@TestProfile(FixedClock.Profile.class)
class ScheduledJobsClockTest {

    @Inject
    Clock clock;
    @Inject
    AutoCheckout autoCheckout;
    @Inject
    RetentionPurge purge;
    @Inject
    SiteRepository sites;
    @Inject
    VisitRepository visits;

    @Test
    void theClockIsTheFixedOne() {
        assertThat(clock.instant()).isEqualTo(FixedClock.NOW);
    }

    @Test
    void autoCheckoutClosesAtTheFixedNowMinusTheStayEdgeIncluded() {
        UUID site = site(60);
        UUID due = visit(site, FixedClock.NOW.minus(Duration.ofMinutes(60)), null);
        UUID notDue = visit(site, FixedClock.NOW.minus(Duration.ofMinutes(60)).plusMillis(1), null);

        autoCheckout.scheduled();

        Visit closed = find(due);
        assertThat(closed.checkoutSource).isEqualTo(Visit.CheckoutSource.AUTO);
        assertThat(closed.checkedOutAt).isEqualTo(FixedClock.NOW);
        assertThat(find(notDue).checkedOutAt).isNull();
    }

    @Test
    void purgeUsesBothRetentionPeriodsFromTheFixedNow() {
        UUID site = site(240);
        Instant visitCutoff = FixedClock.NOW.minus(Duration.ofDays(30));
        Instant answerCutoff = FixedClock.NOW.minus(Duration.ofDays(14));
        UUID gone = visit(site, visitCutoff.minusMillis(1), "COUGH");
        UUID kept = visit(site, visitCutoff, "COUGH");
        UUID answersGone = visit(site, answerCutoff.minusMillis(1), "COUGH");
        UUID answersKept = visit(site, answerCutoff, "COUGH");

        purge.scheduled();

        QuarkusTransaction.requiringNew().run(() -> {
            assertThat(visits.findByIdOptional(gone)).isEmpty();
            assertThat(visits.findById(kept).symptoms).isNull();
            assertThat(visits.findById(kept).flagSymptoms).isTrue();
            assertThat(visits.findById(answersGone).symptoms).isNull();
            assertThat(visits.findById(answersGone).declarationErasedAt).isEqualTo(FixedClock.NOW);
            assertThat(visits.findById(answersKept).symptoms).isEqualTo("COUGH");
            assertThat(visits.findById(answersKept).declarationErasedAt).isNull();
        });
    }

    private UUID site(int stayMinutes) {
        Site site = new Site();
        site.id = UUID.randomUUID();
        site.code = "clock-" + site.id.toString().substring(0, 8);
        site.name = "Clock test";
        site.timeZone = "Asia/Ho_Chi_Minh";
        site.defaultStayMinutes = stayMinutes;
        site.qrVersion = 1;
        site.active = true;
        site.createdAt = FixedClock.NOW;
        site.updatedAt = FixedClock.NOW;
        QuarkusTransaction.requiringNew().run(() -> sites.persist(site));
        return site.id;
    }

    private UUID visit(UUID siteId, Instant in, String symptoms) {
        Visit visit = new Visit();
        visit.id = UUID.randomUUID();
        visit.siteId = siteId;
        visit.fullName = "Khách kiểm thử";
        visit.phone = "+8491" + String.format("%07d", (int) (Math.random() * 10_000_000));
        visit.symptoms = symptoms;
        visit.flagSymptoms = symptoms != null;
        visit.flagged = symptoms != null;
        visit.consentAt = in;
        visit.checkedInAt = in;
        visit.entrySource = Visit.EntrySource.QR;
        if (symptoms != null) {
            visit.checkedOutAt = in.plusSeconds(600);
            visit.checkoutSource = Visit.CheckoutSource.VISITOR;
        }
        QuarkusTransaction.requiringNew().run(() -> visits.persist(visit));
        return visit.id;
    }

    private Visit find(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> visits.findById(id));
    }
}
