package vn.checkin.visit;

import vn.checkin.visit.StayRows.Row;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Brute force over visit rows, written from the README's rules and nothing of the service's code: a report's
 * figures by local day in the site's zone, and a depth-1 tracing search pair by pair.
 */
final class StayOracle {

    private StayOracle() {
    }

    /** What a summary counts for one site (or several) over some local days. */
    record Figures(long checkIns, Set<String> persons, Set<Long> personHashes, long flagged, long fever,
                   long symptoms, long closeContact, long outbreakArea, long autoClosed) {

        Figures plus(Figures other) {
            Set<String> allPersons = new HashSet<>(persons);
            allPersons.addAll(other.persons);
            Set<Long> allHashes = new HashSet<>(personHashes);
            allHashes.addAll(other.personHashes);
            return new Figures(checkIns + other.checkIns, allPersons, allHashes, flagged + other.flagged,
                    fever + other.fever, symptoms + other.symptoms, closeContact + other.closeContact,
                    outbreakArea + other.outbreakArea, autoClosed + other.autoClosed);
        }

        static final Figures NONE = new Figures(0, Set.of(), Set.of(), 0, 0, 0, 0, 0, 0);
    }

    /** The visits of {@code site} that arrived on a local day from {@code from} to {@code to} in {@code zone}. */
    static Figures figures(List<Row> rows, UUID site, ZoneId zone, LocalDate from, LocalDate to) {
        long checkIns = 0;
        long flagged = 0;
        long fever = 0;
        long symptoms = 0;
        long closeContact = 0;
        long outbreakArea = 0;
        long autoClosed = 0;
        Set<String> persons = new HashSet<>();
        Set<Long> hashes = new TreeSet<>();
        for (Row row : rows) {
            LocalDate day = row.in().atZone(zone).toLocalDate();
            if (!row.siteId().equals(site) || day.isBefore(from) || day.isAfter(to)) {
                continue;
            }
            checkIns++;
            flagged += row.flags().any() ? 1 : 0;
            fever += row.flags().fever() ? 1 : 0;
            symptoms += row.flags().symptoms() ? 1 : 0;
            closeContact += row.flags().closeContact() ? 1 : 0;
            outbreakArea += row.flags().outbreakArea() ? 1 : 0;
            autoClosed += StayModel.AUTO.equals(row.source()) ? 1 : 0;
            persons.add(row.personKey());
            hashes.add(Visit.personHash(row.phone(), row.idNumber(), row.id()));
        }
        return new Figures(checkIns, persons, hashes, flagged, fever, symptoms, closeContact, outbreakArea,
                autoClosed);
    }

    /** A source stay of the case and another person's stay overlapping it, from {@code start} to {@code end}. */
    record Match(Row source, Row candidate, Instant start, Instant end) {

        long seconds() {
            return Duration.between(start, end).toSeconds();
        }

        String pair() {
            return source.id() + "/" + candidate.id();
        }

        @Override
        public String toString() {
            return StayModel.shortId(candidate.id()) + " via " + StayModel.shortId(source.id()) + " " + start + ".."
                    + end;
        }
    }

    /** The case's visits: its phone's (or ID number's) visits whose stay intersects {@code [from, to)}. */
    static List<Row> caseVisits(List<Row> rows, String phone, String idNumber, Instant from, Instant to, Instant now) {
        return rows.stream().filter(r -> (phone != null && phone.equals(r.phone()))
                        || (idNumber != null && idNumber.equals(r.idNumber())))
                .filter(r -> r.in().isBefore(to) && r.end(now).isAfter(from)).toList();
    }

    /**
     * Every pair of a case stay (extended by the buffer after it ended) and another person's stay at the same site
     * overlapping it for more than zero and at least {@code minimum}. The case person is its phone or ID number and
     * every phone and ID number its visits carry.
     */
    static List<Match> matches(List<Row> rows, List<Row> caseVisits, String phone, String idNumber,
                               Duration minimum, Duration buffer, Instant now) {
        Set<String> phones = new HashSet<>();
        Set<String> idNumbers = new HashSet<>();
        Set<UUID> ids = new HashSet<>();
        addNotNull(phones, phone);
        addNotNull(idNumbers, idNumber);
        for (Row visit : caseVisits) {
            addNotNull(phones, visit.phone());
            addNotNull(idNumbers, visit.idNumber());
            ids.add(visit.id());
        }
        List<Match> matches = new ArrayList<>();
        for (Row source : caseVisits) {
            Instant sourceEnd = source.end(now).plus(buffer);
            for (Row other : rows) {
                boolean casePerson = ids.contains(other.id()) || phones.contains(other.phone())
                        || idNumbers.contains(other.idNumber());
                if (!other.siteId().equals(source.siteId()) || casePerson) {
                    continue;
                }
                Instant start = later(source.in(), other.in());
                Instant end = earlier(sourceEnd, other.end(now));
                if (start.isBefore(end) && Duration.between(start, end).compareTo(minimum) >= 0) {
                    matches.add(new Match(source, other, start, end));
                }
            }
        }
        return matches;
    }

    /** The contact persons: matched visits joined when they share a phone or an ID number (ids of their visits). */
    static List<Set<UUID>> persons(List<Match> matches) {
        Map<UUID, Row> visits = new LinkedHashMap<>();
        matches.forEach(m -> visits.put(m.candidate().id(), m.candidate()));
        Map<UUID, UUID> parent = new HashMap<>();
        visits.keySet().forEach(id -> parent.put(id, id));
        List<Row> list = new ArrayList<>(visits.values());
        for (int i = 0; i < list.size(); i++) {
            for (int j = i + 1; j < list.size(); j++) {
                if (list.get(i).shares(list.get(j))) {
                    parent.put(root(parent, list.get(i).id()), root(parent, list.get(j).id()));
                }
            }
        }
        Map<UUID, Set<UUID>> groups = new LinkedHashMap<>();
        visits.keySet().forEach(id -> groups.computeIfAbsent(root(parent, id), r -> new HashSet<>()).add(id));
        return new ArrayList<>(groups.values());
    }

    static <T> Set<T> union(Collection<Set<T>> sets) {
        Set<T> all = new HashSet<>();
        sets.forEach(all::addAll);
        return all;
    }

    private static UUID root(Map<UUID, UUID> parent, UUID id) {
        UUID at = id;
        while (!parent.get(at).equals(at)) {
            at = parent.get(at);
        }
        return at;
    }

    private static void addNotNull(Set<String> set, String value) {
        if (value != null) {
            set.add(value);
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
