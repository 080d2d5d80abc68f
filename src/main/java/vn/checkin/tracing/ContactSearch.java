package vn.checkin.tracing;

import jakarta.enterprise.context.ApplicationScoped;
import vn.checkin.visit.Visit;
import vn.checkin.visit.VisitRepository;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Finds the contacts of a set of stays, one level at a time. */
@ApplicationScoped
public class ContactSearch {

    private final VisitRepository visits;

    ContactSearch(VisitRepository visits) {
        this.visits = visits;
    }

    /** Who a contact is: two visits with the same normalised phone or the same ID number are one person. */
    public static final class People {
        private final Set<String> phones = new HashSet<>();
        private final Set<String> idNumbers = new HashSet<>();

        public void add(String phone, String idNumber) {
            if (phone != null) {
                phones.add(phone);
            }
            if (idNumber != null) {
                idNumbers.add(idNumber);
            }
        }

        public void add(Visit visit) {
            add(visit.phone, visit.idNumber);
        }

        public boolean contains(Visit visit) {
            return (visit.phone != null && phones.contains(visit.phone))
                    || (visit.idNumber != null && idNumbers.contains(visit.idNumber));
        }

        public Set<String> phones() {
            return phones;
        }

        public Set<String> idNumbers() {
            return idNumbers;
        }
    }

    /** A contact person at one level: their longest overlap and how many encounters they had. */
    public static final class Contact {
        public final Visit visit;
        public final Visit via;
        public final Overlaps.Overlap overlap;
        public int encounters;
        public final List<Visit> visits = new java.util.ArrayList<>();

        Contact(Visit visit, Visit via, Overlaps.Overlap overlap) {
            this.visit = visit;
            this.via = via;
            this.overlap = overlap;
        }
    }

    public record Criteria(Instant now, Duration buffer, Duration minimum) {
    }

    /**
     * Contacts of {@code sources}: other persons' visits at the same site overlapping a source stay, persons in
     * {@code excluded} left out. Keyed by person, each with the longest overlap; encounters counts every match.
     */
    public Map<String, Contact> contactsOf(Collection<Visit> sources, People excluded, Criteria criteria) {
        Map<String, Contact> byPerson = new LinkedHashMap<>();
        for (Visit source : sources) {
            Instant end = Overlaps.extendedEnd(source.checkedOutAt, criteria.now(), criteria.buffer());
            for (Visit candidate : visits.visitsOverlapping(source.siteId, source.checkedInAt, end)) {
                if (candidate.id.equals(source.id) || excluded.contains(candidate)) {
                    continue;
                }
                Optional<Overlaps.Overlap> overlap = Overlaps.of(source.checkedInAt, source.checkedOutAt,
                        candidate.checkedInAt, candidate.checkedOutAt, criteria.now(), criteria.buffer(),
                        criteria.minimum());
                if (overlap.isEmpty()) {
                    continue;
                }
                String person = personKey(candidate);
                Contact best = byPerson.get(person);
                Contact found = new Contact(candidate, source, overlap.get());
                if (best == null || overlap.get().seconds() > best.overlap.seconds()) {
                    if (best != null) {
                        found.encounters = best.encounters;
                        found.visits.addAll(best.visits);
                    }
                    byPerson.put(person, found);
                    best = found;
                }
                best.encounters++;
                if (!best.visits.contains(candidate)) {
                    best.visits.add(candidate);
                }
            }
        }
        return byPerson;
    }

    /** The visits, at any site inside the window, of the persons given. */
    public List<Visit> visitsOf(People people, Instant from, Instant to) {
        return visits.visitsOfPersons(people.phones(), people.idNumbers(), from, to);
    }

    static String personKey(Visit visit) {
        if (visit.phone != null) {
            return "phone:" + visit.phone;
        }
        return visit.idNumber != null ? "id:" + visit.idNumber : "visit:" + visit.id;
    }
}
