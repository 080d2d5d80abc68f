package vn.checkin.visit;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import vn.checkin.visit.StayOracle.Match;
import vn.checkin.visit.StayRows.Row;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** A depth-1 tracing query of {@link StayScenario} against {@link StayOracle}'s search over the same rows. */
final class StayTracing {

    private final StayScenario scenario;

    StayTracing(StayScenario scenario) {
        this.scenario = scenario;
    }

    /**
     * A depth-1 query against the brute force. The service takes "now" at some instant while it runs, so the search
     * is done at the instants just before and after: the answer must lie between the two. When the two differ in
     * which stays overlap (an open stay crossing the minimum meanwhile), the query is asked again.
     */
    void trace(String phone, String idNumber, Instant from, Instant to, int minimumMinutes, int bufferMinutes) {
        List<Row> rows = StayRows.visits(scenario.beans.db(), scenario.siteIds());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("case", phone != null ? Map.of("phone", phone) : Map.of("idNumber", idNumber));
        body.put("from", from.toString());
        body.put("to", to.toString());
        body.put("minOverlapMinutes", minimumMinutes);
        body.put("bufferMinutes", bufferMinutes);
        body.put("depth", 1);
        body.put("reason", "model check");
        Duration minimum = Duration.ofMinutes(minimumMinutes);
        Duration buffer = Duration.ofMinutes(bufferMinutes);
        for (int attempt = 1; attempt <= 5; attempt++) {
            Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            JsonPath result = given().auth().oauth2(scenario.tracer).contentType(ContentType.JSON).body(body)
                    .post("/api/v1/tracing/queries").then().statusCode(201).extract().jsonPath();
            Instant after = Instant.now();
            List<Row> cases = StayOracle.caseVisits(rows, phone, idNumber, from, to, before);
            List<Match> early = StayOracle.matches(rows, cases, phone, idNumber, minimum, buffer, before);
            List<Row> casesLater = StayOracle.caseVisits(rows, phone, idNumber, from, to, after);
            List<Match> late = StayOracle.matches(rows, casesLater, phone, idNumber, minimum, buffer, after);
            if (cases.equals(casesLater) && pairs(early).equals(pairs(late))) {
                traceMatches(result, rows, cases, early, late);
                scenario.note("trace -> " + cases.size() + " case visits, " + StayOracle.persons(early).size()
                        + " contacts from " + early.size() + " overlaps");
                return;
            }
            scenario.note("trace: an overlap crossed the minimum while the query ran; asked again");
        }
        fail("the tracing brute force kept changing between the instants around the query");
    }

    private void traceMatches(JsonPath result, List<Row> rows, List<Row> cases, List<Match> early, List<Match> late) {
        Set<String> caseIds = new HashSet<>(result.getList("case.visits.visitId", String.class));
        assertThat(caseIds).as("case visits").isEqualTo(cases.stream().map(r -> r.id().toString())
                .collect(Collectors.toSet()));
        List<Set<UUID>> persons = StayOracle.persons(early);
        List<Map<String, Object>> contacts = result.getList("contacts");
        String explained = "expected contact persons " + persons + " from " + early + "\nanswered " + contacts;
        assertThat(contacts).as(explained).hasSize(persons.size());
        Map<UUID, Row> byId = new HashMap<>();
        rows.forEach(r -> byId.put(r.id(), r));
        Set<Integer> seen = new HashSet<>();
        for (Map<String, Object> contact : contacts) {
            UUID visit = UUID.fromString((String) contact.get("visitId"));
            UUID via = UUID.fromString((String) contact.get("viaVisitId"));
            int person = indexOf(persons, visit);
            assertThat(person).as("a contact no brute force finds: %s\n%s", contact, explained).isNotNegative();
            assertThat(seen.add(person)).as("two entries for one person: %s\n%s", contact, explained).isTrue();
            assertThat(contact.get("level")).isEqualTo("F1");
            Match first = pair(early, via, visit);
            Match last = pair(late, via, visit);
            assertThat(first).as("overlap of %s via %s\n%s", visit, via, explained).isNotNull();
            Instant start = Instant.parse((String) contact.get("overlapStart"));
            Instant end = Instant.parse((String) contact.get("overlapEnd"));
            assertThat(start).as("overlap start of %s", contact).isEqualTo(first.start());
            assertThat(end).as("overlap end of %s", contact).isBetween(first.end(), last.end());
            long seconds = Duration.between(start, end).toSeconds();
            Set<UUID> visits = persons.get(person);
            assertThat(seconds).as("the longest overlap of the person of %s\n%s", contact, explained)
                    .isBetween(longest(early, visits), longest(late, visits));
            assertThat(((Number) contact.get("overlapMinutes")).longValue())
                    .isEqualTo(Duration.between(start, end).toMinutes());
            assertThat(((Number) contact.get("encounters")).longValue()).as("encounters of %s", contact)
                    .isEqualTo(early.stream().filter(m -> visits.contains(m.candidate().id())).count());
            Row row = byId.get(visit);
            assertThat(Instant.parse((String) contact.get("checkedInAt"))).isEqualTo(row.in());
            assertThat(contact.get("checkedOutAt") == null ? null : Instant.parse((String) contact.get("checkedOutAt")))
                    .isEqualTo(row.out());
            assertThat(contact.get("autoClosed")).isEqualTo(StayModel.AUTO.equals(row.source()));
        }
    }

    // ---- helpers ----

    private static Set<String> pairs(List<Match> matches) {
        return matches.stream().map(Match::pair).collect(Collectors.toSet());
    }

    private static Match pair(List<Match> matches, UUID source, UUID candidate) {
        return matches.stream().filter(m -> m.source().id().equals(source) && m.candidate().id().equals(candidate))
                .findFirst().orElse(null);
    }

    private static long longest(List<Match> matches, Set<UUID> visits) {
        return matches.stream().filter(m -> visits.contains(m.candidate().id())).mapToLong(Match::seconds).max()
                .orElse(0);
    }

    private static int indexOf(List<Set<UUID>> persons, UUID visit) {
        for (int i = 0; i < persons.size(); i++) {
            if (persons.get(i).contains(visit)) {
                return i;
            }
        }
        return -1;
    }
}
