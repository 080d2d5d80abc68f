package vn.checkin.tracing;

import jakarta.enterprise.context.ApplicationScoped;
import vn.checkin.visit.Visit;
import vn.checkin.visit.VisitRepository;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Finds the contacts of a set of stays, one level at a time. */
@ApplicationScoped
public class ContactSearch {

    private final VisitRepository visits;

    ContactSearch(VisitRepository visits) {
        this.visits = visits;
    }

    public record Criteria(Instant now, Duration buffer, Duration minimum) {
    }

    /**
     * Persons already placed at a level: known by a normalised phone, an ID number, or, for visits with
     * neither, by the visit itself.
     */
    public static final class People {
        private final Set<String> phones = new HashSet<>();
        private final Set<String> idNumbers = new HashSet<>();
        private final Set<UUID> visitIds = new HashSet<>();

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
            visitIds.add(visit.id);
        }

        public boolean contains(Visit visit) {
            return visitIds.contains(visit.id)
                    || (visit.phone != null && phones.contains(visit.phone))
                    || (visit.idNumber != null && idNumbers.contains(visit.idNumber));
        }

        Set<String> phones() {
            return phones;
        }

        Set<String> idNumbers() {
            return idNumbers;
        }
    }

    /** A contact person at one level: their longest overlap, every matched visit and the number of encounters. */
    public static final class Contact {
        Visit visit;
        Visit via;
        Overlaps.Overlap overlap;
        int encounters;
        final List<Visit> visits = new ArrayList<>();
        final Set<String> keys = new HashSet<>();

        void match(Visit candidate, Visit source, Overlaps.Overlap found) {
            encounters++;
            if (visits.stream().noneMatch(v -> v.id.equals(candidate.id))) {
                visits.add(candidate);
            }
            if (overlap == null || found.seconds() > overlap.seconds()) {
                visit = candidate;
                via = source;
                overlap = found;
            }
        }

        void absorb(Contact other) {
            encounters += other.encounters;
            other.visits.stream().filter(v -> visits.stream().noneMatch(o -> o.id.equals(v.id))).forEach(visits::add);
            keys.addAll(other.keys);
            if (other.overlap != null && (overlap == null || other.overlap.seconds() > overlap.seconds())) {
                visit = other.visit;
                via = other.via;
                overlap = other.overlap;
            }
        }
    }

    /**
     * Contacts of {@code sources}: other persons' visits at the same site overlapping a source stay, persons in
     * {@code excluded} left out. One entry per person (visits sharing a phone or an ID number are one person),
     * with the longest overlap; encounters counts every matching pair of stays.
     */
    public Collection<Contact> contactsOf(Collection<Visit> sources, People excluded, Criteria criteria) {
        Map<String, Contact> byKey = new HashMap<>();
        Map<UUID, Long> maxStay = new HashMap<>();
        for (Visit source : sources) {
            Instant end = Overlaps.extendedEnd(source.checkedOutAt, criteria.now(), criteria.buffer());
            long longest = maxStay.computeIfAbsent(source.siteId, visits::longestStaySeconds);
            for (Visit candidate : visits.visitsOverlapping(source.siteId, source.checkedInAt, end, longest)) {
                if (candidate.id.equals(source.id) || excluded.contains(candidate)) {
                    continue;
                }
                Optional<Overlaps.Overlap> overlap = Overlaps.of(source.checkedInAt, source.checkedOutAt,
                        candidate.checkedInAt, candidate.checkedOutAt, criteria.now(), criteria.buffer(),
                        criteria.minimum());
                overlap.ifPresent(found -> personOf(candidate, byKey).match(candidate, source, found));
            }
        }
        return new LinkedHashSet<>(byKey.values()).stream()
                .sorted((a, b) -> a.visit.checkedInAt.compareTo(b.visit.checkedInAt) != 0
                        ? a.visit.checkedInAt.compareTo(b.visit.checkedInAt) : a.visit.id.compareTo(b.visit.id))
                .toList();
    }

    /** The visits, at any site inside the window, of the persons given. */
    public List<Visit> visitsOf(People people, Instant from, Instant to) {
        return visits.visitsOfPersons(people.phones(), people.idNumbers(), from, to);
    }

    /** The entry of the candidate's person, merging entries that the candidate shows to be one person. */
    private static Contact personOf(Visit candidate, Map<String, Contact> byKey) {
        List<String> keys = keysOf(candidate);
        Contact person = null;
        for (String key : keys) {
            Contact known = byKey.get(key);
            if (known == null || known == person) {
                continue;
            }
            if (person == null) {
                person = known;
            } else {
                person.absorb(known);
                for (String moved : known.keys) {
                    byKey.put(moved, person);
                }
            }
        }
        if (person == null) {
            person = new Contact();
        }
        for (String key : keys) {
            person.keys.add(key);
            byKey.put(key, person);
        }
        return person;
    }

    static List<String> keysOf(Visit visit) {
        List<String> keys = new ArrayList<>(2);
        if (visit.phone != null) {
            keys.add("phone:" + visit.phone);
        }
        if (visit.idNumber != null) {
            keys.add("id:" + visit.idNumber);
        }
        if (keys.isEmpty()) {
            keys.add("visit:" + visit.id);
        }
        return keys;
    }
}
