package vn.checkin.tracing;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.checkin.support.Api;
import vn.checkin.support.Seeded;
import vn.checkin.support.Visits;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tracing query against a brute-force computation of the contract's rule, on random visits: random sites,
 * persons, arrival times, stays (some still open), windows, minimum overlaps, buffers and depths. Each scenario is
 * drawn from its own seeded generator ({@link Seeded}): a failure names the seed and the scenario, and
 * {@code -Dtest.seed=N} draws the same scenarios again. Runs on whatever database the test profile uses (H2, and
 * PostgreSQL in CI's second pass).
 */
@QuarkusTest
class TracingPropertyTest {

    private static final int SCENARIOS = 40;
    private static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");
    private static String tracer;

    /** One generated visit: site index, person index, arrival (seconds after the day's start), stay or open. */
    record Stay(int site, int person, int arrival, Integer staySeconds) {
    }

    record Scenario(List<Stay> stays, int casePerson, int windowStart, int windowLength, int minOverlapMinutes,
                    int bufferMinutes, int depth) {
    }

    static IntStream scenarioNumbers() {
        return IntStream.range(0, SCENARIOS);
    }

    @ParameterizedTest(name = "scenario {0}")
    @MethodSource("scenarioNumbers")
    void queryFindsExactlyTheContactsOfABruteForceSearch(int number) {
        Seeded random = Seeded.forCase(TracingPropertyTest.class, "scenarios", number);
        Scenario scenario = scenario(random);
        // Each scenario has its own two days (and its own sites and persons), far from every other test's.
        random.replayable(scenario, () -> check(scenario, EPOCH.plus(Duration.ofDays(2L * number)), tracer()));
    }

    private static synchronized String tracer() {
        if (tracer == null) {
            tracer = Api.tracer().token();
        }
        return tracer;
    }

    private static Scenario scenario(Seeded random) {
        List<Stay> stays = random.listOf(2, 30, () -> new Stay(random.between(0, 2), random.between(0, 7),
                random.between(0, 10 * 3600), random.orNull(0.1, () -> random.between(1, 4 * 3600))));
        return new Scenario(stays,
                random.between(0, 7),
                random.between(0, 8 * 3600),
                random.between(600, 12 * 3600),
                random.oneOf(0, 1, 5, 15, 30),
                random.oneOf(0, 0, 10, 30),
                random.between(1, 2));
    }

    private void check(Scenario scenario, Instant day, String tracer) {
        List<Api.TestSite> sites = List.of(Api.createSite(), Api.createSite(), Api.createSite());
        List<String> phones = new ArrayList<>();
        for (int p = 0; p < 8; p++) {
            phones.add(Api.randomPhone());
        }
        List<Stored> stored = new ArrayList<>();
        java.util.Set<String> openAlready = new java.util.HashSet<>();
        for (Stay stay : scenario.stays()) {
            Instant in = day.plusSeconds(stay.arrival());
            Visits.Builder builder = Visits.visit(sites.get(stay.site()), phones.get(stay.person())).from(in.toString());
            // The database keeps one open visit per person and site: a second open stay is stored closed.
            boolean open = stay.staySeconds() == null && openAlready.add(stay.site() + "/" + stay.person());
            Visits.TestVisit visit = open ? builder.stillOnSite()
                    : builder.to(in.plusSeconds(stay.staySeconds() == null ? 3600 : stay.staySeconds()).toString());
            stored.add(new Stored(visit.id(), stay.site(), stay.person(), visit.checkedInAt(), visit.checkedOutAt()));
        }
        Instant from = day.plusSeconds(scenario.windowStart());
        Instant to = from.plusSeconds(scenario.windowLength());
        Instant now = Instant.now();

        Map<String, Long> expected = bruteForce(stored, scenario, from, to, now);

        Map<String, Object> body = new HashMap<>();
        body.put("case", Map.of("phone", phones.get(scenario.casePerson())));
        body.put("from", from.toString());
        body.put("to", to.toString());
        body.put("minOverlapMinutes", scenario.minOverlapMinutes());
        body.put("bufferMinutes", scenario.bufferMinutes());
        body.put("depth", scenario.depth());
        body.put("reason", "property check");
        JsonPath result = given().auth().oauth2(tracer).contentType(ContentType.JSON).body(body)
                .post("/api/v1/tracing/queries").then().statusCode(201).extract().jsonPath();

        Map<String, Long> actual = new TreeMap<>();
        for (Map<String, Object> contact : result.<Map<String, Object>>getList("contacts")) {
            int person = phones.indexOf(toNational((String) ((Map<?, ?>) contact.get("visitor")).get("phone")));
            Instant start = Instant.parse((String) contact.get("overlapStart"));
            Instant end = Instant.parse((String) contact.get("overlapEnd"));
            actual.put(contact.get("level") + ":" + person, comparable(start, end, now));
        }
        assertThat(actual).as("contacts of %s", scenario).isEqualTo(new TreeMap<>(expected));
    }

    record Stored(String id, int site, int person, Instant in, Instant out) {
        Instant end(Instant now) {
            return out == null ? now : out;
        }
    }

    /** Level:person to the longest overlap in seconds (or -1 where it runs until now and so depends on timing). */
    private static Map<String, Long> bruteForce(List<Stored> visits, Scenario s, Instant from, Instant to,
                                                Instant now) {
        List<Stored> caseVisits = visits.stream()
                .filter(v -> v.person() == s.casePerson() && v.in().isBefore(to) && v.end(now).isAfter(from))
                .toList();
        Map<Integer, Overlap> f1 = contacts(visits, caseVisits, Set.of(s.casePerson()), s, now);
        Map<String, Long> expected = new LinkedHashMap<>();
        f1.forEach((person, overlap) -> expected.put("F1:" + person, overlap.comparable(now)));
        if (s.depth() == 2) {
            Set<Integer> excluded = new HashSet<>(f1.keySet());
            excluded.add(s.casePerson());
            Set<String> sourceIds = new HashSet<>();
            List<Stored> sources = new ArrayList<>();
            for (Stored v : visits) {
                boolean inWindow = v.in().isBefore(to) && v.end(now).isAfter(from);
                if (f1.containsKey(v.person()) && (inWindow || f1.get(v.person()).visitIds.contains(v.id()))
                        && sourceIds.add(v.id())) {
                    sources.add(v);
                }
            }
            contacts(visits, sources, excluded, s, now)
                    .forEach((person, overlap) -> expected.put("F2:" + person, overlap.comparable(now)));
        }
        return expected;
    }

    static final class Overlap {
        Instant start;
        Instant end;
        final Set<String> visitIds = new HashSet<>();

        long comparable(Instant now) {
            return TracingPropertyTest.comparable(start, end, now);
        }
    }

    private static Map<Integer, Overlap> contacts(List<Stored> visits, List<Stored> sources, Set<Integer> excluded,
                                                  Scenario s, Instant now) {
        Map<Integer, Overlap> byPerson = new HashMap<>();
        for (Stored source : sources) {
            Instant sourceEnd = source.end(now).plus(Duration.ofMinutes(s.bufferMinutes()));
            for (Stored v : visits) {
                if (v.site() != source.site() || excluded.contains(v.person()) || v.id().equals(source.id())) {
                    continue;
                }
                Instant start = v.in().isAfter(source.in()) ? v.in() : source.in();
                Instant end = v.end(now).isBefore(sourceEnd) ? v.end(now) : sourceEnd;
                long seconds = Duration.between(start, end).toSeconds();
                if (seconds <= 0 || seconds < s.minOverlapMinutes() * 60L) {
                    continue;
                }
                Overlap best = byPerson.computeIfAbsent(v.person(), p -> new Overlap());
                best.visitIds.add(v.id());
                if (best.start == null || seconds > Duration.between(best.start, best.end).toSeconds()) {
                    best.start = start;
                    best.end = end;
                }
            }
        }
        return byPerson;
    }

    /** Overlaps ending "now" differ by the milliseconds between the two computations; compare them as open. */
    static long comparable(Instant start, Instant end, Instant now) {
        return Duration.between(end, now).abs().toMinutes() < 10 ? -1 : Duration.between(start, end).toSeconds();
    }

    private static String toNational(String e164) {
        return "0" + e164.substring(3);
    }
}
