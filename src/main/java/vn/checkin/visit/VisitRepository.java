package vn.checkin.visit;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.jpa.HibernateHints;
import vn.checkin.common.SearchText;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

@ApplicationScoped
public class VisitRepository implements PanacheRepositoryBase<Visit, UUID> {

    /** How many values {@link #whereIn} binds: the fewest of these that hold them. */
    private static final int[] IN_SHAPES = {8, 64, 128};
    /** The most values {@link #whereIn} binds in one query. */
    static final int IN_MOST = IN_SHAPES[IN_SHAPES.length - 1];

    public Optional<Visit> byIdempotencyKey(String key) {
        return find("idempotencyKey", key).firstResultOptional();
    }

    /**
     * The person's visits at this site not yet closed: same normalised phone or same ID number. Looked up through
     * the phone and ID number indexes, one query each, and narrowed to the site here: a single query with
     * {@code site and open and (phone or id)} let H2 plan it on the site's open-visit index, which reads every
     * visitor still on site (the check-in benchmark spent 90 % of its time there once a site held 10k open visits).
     */
    public List<Visit> openVisitsOf(UUID siteId, String phone, String idNumber) {
        List<Visit> open = new ArrayList<>(1);
        if (phone != null) {
            openAtSite(open, list("phone = ?1 and checkedOutAt is null", phone), siteId);
        }
        if (idNumber != null) {
            openAtSite(open, list("idNumber = ?1 and checkedOutAt is null", idNumber), siteId);
        }
        return open;
    }

    /**
     * The visits not yet closed, at any site, of these normalised phones or ID numbers: what a batch of check-ins
     * needs to close earlier stays, in at most two queries on the same indexes. Read-only: a visit ends only
     * through {@link Stays}, never by writing the entity back.
     */
    public List<Visit> openVisitsOf(Collection<String> phones, Collection<String> idNumbers) {
        List<Visit> open = whereIn("phone", phones, " and checkedOutAt is null", true);
        for (Visit visit : whereIn("idNumber", idNumbers, " and checkedOutAt is null", true)) {
            // One persistence context: a visit found by both phone and ID number is the same instance.
            if (open.stream().noneMatch(known -> known == visit)) {
                open.add(visit);
            }
        }
        return open;
    }

    /**
     * Visits whose {@code field} is one of {@code values} (and {@code alsoWhere}), at most {@link #IN_MOST} values
     * a query. The values are bound as a fixed number of single parameters, the last one repeated, not as one list
     * parameter: Hibernate translates a query with a list parameter again on every call (JFR: a third of a group
     * commit's lookup), while each of these few shapes is translated once. Read-only entities are not
     * snapshotted for dirty checking: for callers that only read them.
     */
    private List<Visit> whereIn(String field, Collection<?> values, String alsoWhere, boolean readOnly) {
        List<Visit> found = new ArrayList<>();
        List<?> all = List.copyOf(values);
        for (int from = 0; from < all.size(); from += IN_MOST) {
            List<?> some = all.subList(from, Math.min(all.size(), from + IN_MOST));
            int shape = Arrays.stream(IN_SHAPES).filter(size -> size >= some.size()).findFirst().orElseThrow();
            Object[] bound = new Object[shape];
            for (int i = 0; i < shape; i++) {
                bound[i] = some.get(Math.min(i, some.size() - 1));
            }
            PanacheQuery<Visit> query = find(field + " in (" + IntStream.rangeClosed(1, shape)
                    .mapToObj(i -> "?" + i).collect(Collectors.joining(", ")) + ")" + alsoWhere, bound);
            found.addAll(readOnly ? query.withHint(HibernateHints.HINT_READ_ONLY, true).list() : query.list());
        }
        return found;
    }

    private static void openAtSite(List<Visit> into, List<Visit> candidates, UUID siteId) {
        for (Visit visit : candidates) {
            if (visit.siteId.equals(siteId) && into.stream().noneMatch(known -> known.id.equals(visit.id))) {
                into.add(visit);
            }
        }
    }

    /**
     * A site's visits whose stay touches {@code [from, to)}: arrived before the end and not gone before the start
     * (visitors still on site from an earlier day stay in today's log). A text is found in the name or
     * organization without regard to diacritics or case ({@link SearchText}), or, from three digits on, in the
     * phone or ID number.
     */
    public PanacheQuery<Visit> dayLog(UUID siteId, Instant from, Instant to, DayLogFilter filter) {
        StringBuilder where = new StringBuilder(
                "siteId = :site and checkedInAt < :to and (checkedOutAt is null or checkedOutAt > :from)");
        Parameters params = Parameters.with("site", siteId).and("from", from).and("to", to);
        if (filter.status() == Visit.Status.ON_SITE) {
            where.append(" and checkedOutAt is null");
        } else if (filter.status() == Visit.Status.CHECKED_OUT) {
            where.append(" and checkedOutAt is not null");
        }
        if (filter.flagged() != null) {
            where.append(" and flagged = :flagged");
            params.and("flagged", filter.flagged());
        }
        String pattern = SearchText.containsPattern(filter.text());
        if (pattern != null) {
            String digits = filter.text().replaceAll("\\D", "");
            where.append(" and (searchText like :text escape '!'");
            params.and("text", pattern);
            if (digits.length() >= 3) {
                String significant = digits.startsWith("0") ? digits.substring(1) : digits;
                where.append(" or phone like :digits or idNumber like :digits");
                params.and("digits", "%" + significant + "%");
            }
            where.append(")");
        }
        return find(where.toString(), Sort.descending("checkedInAt").and("id"), params);
    }

    /**
     * The ids of {@link #dayLog} in its order, at most {@code limit}: a CSV download walks these and loads the
     * visits a chunk at a time ({@link #byIds}), instead of holding every row of a busy day at once.
     */
    public List<UUID> dayLogIds(UUID siteId, Instant from, Instant to, DayLogFilter filter, int limit) {
        return dayLog(siteId, from, to, filter).project(VisitId.class).range(0, limit - 1).list().stream()
                .map(VisitId::id).toList();
    }

    /**
     * The longest closed stay at the site, in whole seconds rounded up: {@code visit.stay_seconds} is generated by
     * the database from the visit's two times (V11), so every way a visit ends, and a visit loaded straight into
     * the table, counts. One probe of the (site_id, stay_seconds) index, the largest first.
     */
    public long longestStaySeconds(UUID siteId) {
        List<?> longest = getEntityManager().createNativeQuery("""
                        select stay_seconds from visit where site_id = ?1 and stay_seconds is not null
                        order by stay_seconds desc""")
                .setParameter(1, siteId).setMaxResults(1).getResultList();
        return longest.isEmpty() ? 0 : ((Number) longest.get(0)).longValue();
    }

    /**
     * A site's visits whose stay {@code [in, out or now)} intersects {@code [from, to)}. Closed visits are found
     * by an index range on arrival time, bounded below by the site's longest closed stay (plus a second: H2
     * counts a stay in whole milliseconds); open ones through the (site, checked_out_at) index. The cost follows
     * the visits at this site around the window, not the table.
     */
    public List<Visit> visitsOverlapping(UUID siteId, Instant from, Instant to, long longestStaySeconds) {
        List<Visit> found = new ArrayList<>(list(
                "siteId = ?1 and checkedInAt >= ?2 and checkedInAt < ?3 and checkedOutAt > ?4",
                siteId, from.minusSeconds(longestStaySeconds + 1), to, from));
        found.addAll(list("siteId = ?1 and checkedOutAt is null and checkedInAt < ?2", siteId, to));
        found.sort(Comparator.comparing((Visit v) -> v.checkedInAt).thenComparing(v -> v.id));
        return found;
    }

    /** Visits, at any site, of the persons with these phones or ID numbers, intersecting {@code [from, to)}. */
    public List<Visit> visitsOfPersons(Set<String> phones, Set<String> idNumbers, Instant from, Instant to) {
        if (phones.isEmpty() && idNumbers.isEmpty()) {
            return List.of();
        }
        String who = phones.isEmpty() ? "idNumber in :ids"
                : idNumbers.isEmpty() ? "phone in :phones" : "(phone in :phones or idNumber in :ids)";
        Parameters params = Parameters.with("from", from).and("to", to);
        if (!phones.isEmpty()) {
            params.and("phones", phones);
        }
        if (!idNumbers.isEmpty()) {
            params.and("ids", idNumbers);
        }
        return list(who + " and checkedInAt < :to and (checkedOutAt is null or checkedOutAt > :from)",
                Sort.ascending("checkedInAt").and("id"), params);
    }

    /** These visits, read-only (for views and exports), at most {@link #IN_MOST} a query. */
    public List<Visit> byIds(Collection<UUID> ids) {
        return whereIn("id", ids, "", true);
    }

    public long openAt(UUID siteId) {
        return count("siteId = ?1 and checkedOutAt is null", siteId);
    }

    public long checkedInBetween(UUID siteId, Instant from, Instant to, boolean flaggedOnly) {
        return count("siteId = ?1 and checkedInAt >= ?2 and checkedInAt < ?3"
                + (flaggedOnly ? " and flagged = true" : ""), siteId, from, to);
    }

    public record DayLogFilter(Visit.Status status, Boolean flagged, String text) {
    }

    /** Projection of a visit's id. */
    public record VisitId(UUID id) {
    }
}
