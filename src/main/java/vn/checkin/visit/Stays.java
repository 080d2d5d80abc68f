package vn.checkin.visit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.time.Instant;
import java.util.UUID;

/**
 * The one place where a visit ends, whoever ends it: the visitor, the staff, the auto-checkout, or the person's
 * next arrival. The end is a conditional update ({@code where checked_out_at is null}), so of two endings racing
 * each other, on one instance or two, the first stands and the second changes nothing; it then reads the stored
 * end. What depends on a stay follows from the database itself, whatever path changed the row: the stay's length,
 * which bounds a tracing search, is a column it generates (V11), and an automatic end of an ended day's visit
 * marks that day's stored report figures stale (V14 triggers).
 */
@ApplicationScoped
public class Stays {

    private final EntityManager em;

    Stays(EntityManager em) {
        this.em = em;
    }

    /**
     * Ends {@code visit} at {@code at} unless it has ended already; either way the entity then shows the stored
     * end. Answers whether this call ended it. Call inside a transaction.
     */
    public boolean end(Visit visit, Instant at, Visit.CheckoutSource source, String by) {
        boolean ended = end(visit.id, at, source, by);
        Session session = em.unwrap(Session.class);
        if (ended) {
            // The row is updated; the entity only has to show it, never to be written again.
            if (session.contains(visit)) {
                session.setReadOnly(visit, true);
            }
            visit.checkedOutAt = at;
            visit.checkoutSource = source;
            visit.checkedOutBy = by;
        } else if (session.contains(visit)) {
            session.refresh(visit);
        }
        return ended;
    }

    /** As {@link #end(Visit, Instant, Visit.CheckoutSource, String)}, for a visit known by its id. */
    public boolean end(UUID visitId, Instant at, Visit.CheckoutSource source, String by) {
        int updated = em.createQuery("""
                        update Visit v set v.checkedOutAt = :at, v.checkoutSource = :source, v.checkedOutBy = :by
                        where v.id = :id and v.checkedOutAt is null""")
                .setParameter("at", at)
                .setParameter("source", source)
                .setParameter("by", by)
                .setParameter("id", visitId)
                .executeUpdate();
        return updated == 1;
    }
}
