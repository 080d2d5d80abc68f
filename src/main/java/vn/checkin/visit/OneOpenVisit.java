package vn.checkin.visit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import vn.checkin.common.GroupCommit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A person has at most one open visit per site: checking in again (a new phone session, a lost page, a visitor
 * entered by staff after scanning) closes the earlier stay at the moment of the new one, as the service
 * ({@code checkoutSource: AUTO}), and the new visit begins. The two stays are contiguous, so tracing sees the
 * person on site the whole time, and the earlier visit's checkout token is never handed to whoever checked in.
 * <p>
 * The database keeps the rule (V11: unique indexes over the open visits' phones and ID numbers per site): of two
 * arrivals of one person stored at once by two transactions, on one instance or two, the second breaks the index
 * and {@link GroupCommit} runs it again alone; it then finds the first one's visit open and closes it here.
 * <p>
 * Check-ins stored together ({@link GroupCommit}) are prepared together: one query per batch loads the open
 * visits of every phone and ID number arriving in it, instead of one query per visitor on the leader's thread.
 */
@ApplicationScoped
public class OneOpenVisit implements GroupCommit.Preparation<OneOpenVisit.Arrival> {

    /** Who arrives where: the site, the normalised phone and the ID number of a visit about to be stored. */
    public record Arrival(UUID siteId, String phone, String idNumber) {
    }

    private final VisitRepository visits;
    private final Stays stays;
    private final TransactionSynchronizationRegistry transactions;

    OneOpenVisit(VisitRepository visits, Stays stays, TransactionSynchronizationRegistry transactions) {
        this.visits = visits;
        this.stays = stays;
        this.transactions = transactions;
    }

    /** Loads the open visits of everyone in {@code arrivals}, for {@link #closeEarlierStays} in this transaction. */
    @Override
    public void prepare(List<Arrival> arrivals) {
        Set<String> phones = new HashSet<>();
        Set<String> idNumbers = new HashSet<>();
        for (Arrival arrival : arrivals) {
            if (arrival.phone() != null) {
                phones.add(arrival.phone());
            }
            if (arrival.idNumber() != null) {
                idNumbers.add(arrival.idNumber());
            }
        }
        transactions.putResource(Prepared.class, new Prepared(phones, idNumbers,
                visits.openVisitsOf(phones, idNumbers)));
    }

    /** Call inside the transaction that stores {@code arriving}, before persisting it. */
    void closeEarlierStays(Visit arriving) {
        Prepared prepared = (Prepared) transactions.getResource(Prepared.class);
        List<Visit> earlierStays = prepared != null && prepared.covers(arriving)
                ? prepared.openAt(arriving)
                : visits.openVisitsOf(arriving.siteId, arriving.phone, arriving.idNumber);
        for (Visit earlier : earlierStays) {
            stays.end(earlier, earlier.checkedInAt.isAfter(arriving.checkedInAt)
                    ? earlier.checkedInAt : arriving.checkedInAt, Visit.CheckoutSource.AUTO, null);
        }
        if (prepared != null) {
            prepared.open.add(arriving);
        }
    }

    /**
     * The open visits of a batch's phones and ID numbers as loaded before its works ran, plus the visits its works
     * stored since: an arrival's earlier stays are among them, and the entities are the transaction's own, so a
     * visit closed meanwhile (by a checkout or an arrival of the same batch) shows as closed.
     */
    private record Prepared(Set<String> phones, Set<String> idNumbers, List<Visit> open) {

        Prepared(Set<String> phones, Set<String> idNumbers, List<Visit> open) {
            this.phones = phones;
            this.idNumbers = idNumbers;
            this.open = new ArrayList<>(open);
        }

        boolean covers(Visit arriving) {
            return (arriving.phone == null || phones.contains(arriving.phone))
                    && (arriving.idNumber == null || idNumbers.contains(arriving.idNumber));
        }

        List<Visit> openAt(Visit arriving) {
            List<Visit> earlier = new ArrayList<>(1);
            for (Visit visit : open) {
                if (visit.checkedOutAt == null && visit.siteId.equals(arriving.siteId)
                        && (sameValue(visit.phone, arriving.phone) || sameValue(visit.idNumber, arriving.idNumber))) {
                    earlier.add(visit);
                }
            }
            return earlier;
        }

        private static boolean sameValue(String a, String b) {
            return a != null && Objects.equals(a, b);
        }
    }
}
