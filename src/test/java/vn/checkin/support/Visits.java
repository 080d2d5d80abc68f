package vn.checkin.support;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import vn.checkin.visit.PhoneNumbers;
import vn.checkin.visit.Visit;
import vn.checkin.visit.VisitRepository;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Visits with exact times, written straight into the database (the public check-in endpoint stamps "now"), so a
 * tracing test can place stays to the second:
 * <pre>
 * visit(site, phone).from("2025-03-01T08:00:00Z").to("2025-03-01T09:00:00Z");
 * visit(site, phone).from("2025-03-01T08:00:00Z").stillOnSite();
 * </pre>
 * Only usable inside a {@code @QuarkusTest}. Use days long past and {@link Api#randomPhone()} so that tests
 * never see each other's visits.
 */
public final class Visits {

    private Visits() {
    }

    /** A visit by the person with this phone (any spelling; stored normalised like the service does). */
    public static Builder visit(Api.TestSite site, String phone) {
        return new Builder(site, PhoneNumbers.normalise(phone)
                .orElseThrow(() -> new IllegalArgumentException("not a phone number: " + phone)));
    }

    /** A visit by someone staff entered without a phone; give an {@link Builder#idNumber} or leave it anonymous. */
    public static Builder visitWithoutPhone(Api.TestSite site) {
        return new Builder(site, null);
    }

    /** A random 12-digit citizen ID number, so tests never share a person by accident. */
    public static String randomIdNumber() {
        return "0" + ThreadLocalRandom.current().nextLong(10_000_000_000L, 100_000_000_000L);
    }

    /** What a test needs to know about a stored visit. */
    public record TestVisit(String id, String siteId, String phone, String idNumber, Instant checkedInAt,
                            Instant checkedOutAt) {
    }

    public static final class Builder {
        private final Api.TestSite site;
        private final String phone;
        private String idNumber;
        private String fullName = Api.unique("Nguyễn Văn Khách");
        private Instant checkedInAt;
        private boolean fever;

        private Builder(Api.TestSite site, String phone) {
            this.site = site;
            this.phone = phone;
        }

        public Builder idNumber(String idNumber) {
            this.idNumber = idNumber;
            return this;
        }

        /** Declares 38.2 °C and a cough, so the visit carries answers and FEVER and SYMPTOMS flags. */
        public Builder withFever() {
            this.fever = true;
            return this;
        }

        public Builder named(String fullName) {
            this.fullName = fullName;
            return this;
        }

        public Builder from(String checkedInAt) {
            this.checkedInAt = Instant.parse(checkedInAt);
            return this;
        }

        /** Stores the visit, checked out by the visitor at this time. */
        public TestVisit to(String checkedOutAt) {
            return store(Instant.parse(checkedOutAt), Visit.CheckoutSource.VISITOR);
        }

        /** Stores the visit, closed by the service's auto-checkout at this time. */
        public TestVisit autoClosedAt(String checkedOutAt) {
            return store(Instant.parse(checkedOutAt), Visit.CheckoutSource.AUTO);
        }

        /** Stores the visit as not checked out: it lasts until now. */
        public TestVisit stillOnSite() {
            return store(null, null);
        }

        private TestVisit store(Instant checkedOutAt, Visit.CheckoutSource checkoutSource) {
            if (checkedInAt == null) {
                throw new IllegalStateException("say from(...) before storing a visit");
            }
            Visit visit = new Visit();
            visit.id = UUID.randomUUID();
            visit.siteId = UUID.fromString(site.id());
            visit.fullName = fullName;
            visit.phone = phone;
            visit.idNumber = idNumber;
            visit.closeContact = false;
            visit.outbreakArea = false;
            visit.flagFever = false;
            visit.flagSymptoms = false;
            visit.flagCloseContact = false;
            visit.flagOutbreakArea = false;
            visit.flagged = false;
            if (fever) {
                visit.temperatureC = new java.math.BigDecimal("38.2");
                visit.symptoms = "COUGH";
                visit.outbreakAreaDetails = "Phường 5";
                visit.flagFever = true;
                visit.flagSymptoms = true;
                visit.flagged = true;
            }
            visit.consentAt = checkedInAt;
            visit.checkedInAt = checkedInAt;
            visit.checkedOutAt = checkedOutAt;
            visit.checkoutSource = checkoutSource;
            visit.entrySource = phone == null ? Visit.EntrySource.STAFF : Visit.EntrySource.QR;
            VisitRepository visits = Arc.container().instance(VisitRepository.class).get();
            // Nothing else to do: the database marks the report figures of the visit's day stale by itself (V14),
            // and its stay is a generated column (V11), as for any row loaded straight into the table.
            QuarkusTransaction.requiringNew().run(() -> visits.persist(visit));
            return new TestVisit(visit.id.toString(), site.id(), phone, idNumber, checkedInAt, checkedOutAt);
        }
    }
}
