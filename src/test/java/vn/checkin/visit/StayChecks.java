package vn.checkin.visit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.path.json.JsonPath;
import vn.checkin.visit.StayOracle.Figures;
import vn.checkin.visit.StayRows.Row;
import vn.checkin.visit.StayRows.StoredDay;
import vn.checkin.visit.StayScenario.Place;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * What {@link StayScenario} compares after its operations: the visit table against the {@link StayModel} and the
 * rules a stay keeps whatever wrote it; the stored report days and the summary against {@link StayOracle}'s count
 * over the same rows.
 */
final class StayChecks {

    private final StayScenario scenario;

    StayChecks(StayScenario scenario) {
        this.scenario = scenario;
    }

    /** The visit rows of the scenario's sites as the model expects them, keeping every rule of a stay. */
    List<Row> state() {
        List<Row> rows = rows();
        matchesModel(rows);
        keepsTheRules(rows);
        storedDaysAreRight(rows);
        return rows;
    }

    private List<Row> rows() {
        return StayRows.visits(scenario.beans.db(), scenario.siteIds());
    }

    private void matchesModel(List<Row> rows) {
        Map<UUID, StayModel.Stay> stored = new TreeMap<>();
        rows.forEach(r -> stored.put(r.id(), r.stay()));
        Map<UUID, StayModel.Stay> expected = new TreeMap<>();
        scenario.model.all().forEach(s -> expected.put(s.id(), s));
        if (stored.equals(expected)) {
            return;
        }
        Set<UUID> ids = new TreeSet<>(stored.keySet());
        ids.addAll(expected.keySet());
        StringBuilder differences = new StringBuilder("the visit table differs from the model:");
        for (UUID id : ids) {
            if (!Objects.equals(stored.get(id), expected.get(id))) {
                differences.append("\n  expected ").append(expected.get(id)).append("\n  stored   ").append(stored.get(id));
            }
        }
        fail(differences.toString());
    }

    private void keepsTheRules(List<Row> rows) {
        for (Row row : rows) {
            assertThat(row.personHash()).as("person key of %s", row)
                    .isEqualTo(Visit.personHash(row.phone(), row.idNumber(), row.id()));
            if (row.open()) {
                assertThat(row.source()).as("checkout source of open %s", row).isNull();
                assertThat(row.staySeconds()).as("stay_seconds of open %s", row).isNull();
                assertThat(rows.stream().filter(o -> o != row && o.open() && o.siteId().equals(row.siteId())
                        && o.shares(row)).toList()).as("other open visits of the person of %s at its site", row)
                        .isEmpty();
                continue;
            }
            assertThat(row.out()).as("end of %s", row).isAfterOrEqualTo(row.in());
            assertThat(row.source()).as("checkout source of %s", row)
                    .isIn(StayModel.VISITOR, StayModel.STAFF, StayModel.AUTO);
            assertThat(row.staySeconds()).as("stay_seconds of %s", row).isEqualTo(ceilSeconds(row));
            if (StayModel.AUTO.equals(row.source())) {
                boolean due = row.out().equals(row.in().plus(scenario.place(row.siteId()).stay()));
                boolean nextArrival = rows.stream().anyMatch(o -> o != row && o.siteId().equals(row.siteId())
                        && o.shares(row) && o.in().equals(row.out()));
                assertThat(due || nextArrival)
                        .as("%s closed AUTO at neither its due time nor an arrival of the same person", row).isTrue();
            }
        }
        for (UUID site : scenario.siteIds()) {
            long longest = rows.stream().filter(r -> r.siteId().equals(site) && !r.open())
                    .mapToLong(StayChecks::ceilSeconds).max().orElse(0);
            long read = QuarkusTransaction.requiringNew().call(() -> scenario.beans.visits().longestStaySeconds(site));
            assertThat(read).as("longest stay at %s", site).isEqualTo(longest);
        }
    }

    /** Every stored day that would count (not stale, current site version) holds the figures of its visits. */
    private void storedDaysAreRight(List<Row> rows) {
        Map<UUID, Long> versions = StayRows.reportVersions(scenario.beans.db(), scenario.siteIds());
        for (StoredDay day : StayRows.days(scenario.beans.db(), scenario.siteIds())) {
            if (day.stale() || day.siteVersion() != versions.get(day.siteId())) {
                continue;
            }
            Place place = scenario.place(day.siteId());
            Figures figures = StayOracle.figures(rows, place.id(), place.zone(), day.day(), day.day());
            assertThat(stored(day)).as("stored figures of %s on %s (%s), not marked stale", place.id(), day.day(),
                    place.zone()).isEqualTo(stored(figures));
        }
    }

    /**
     * The summary, {@code calls} times, against a count of the rows: a first call after a change must not read a
     * stored day the change made stale (and stores the ended days again); a second one reads them.
     */
    void reports(LocalDate from, LocalDate to, int calls) {
        List<Row> rows = rows();
        for (int call = 1; call <= calls; call++) {
            Instant asked = Instant.now();
            JsonPath report = given().auth().oauth2(scenario.desk.token())
                    .queryParam("from", from.toString()).queryParam("to", to.toString())
                    .get("/api/v1/reports/summary").then().statusCode(200).extract().jsonPath();
            summaryMatches(report, rows, from, to, call);
            endedDaysAreStored(from, to, asked);
            storedDaysAreRight(rows);
        }
    }

    private void summaryMatches(JsonPath report, List<Row> rows, LocalDate from, LocalDate to, int call) {
        assertThat(report.getList("sites.siteId", String.class)).as("sites of the desk's report")
                .containsExactlyInAnyOrderElementsOf(scenario.siteIds().stream().map(UUID::toString).toList());
        Figures total = Figures.NONE;
        long openTotal = 0;
        List<String> silent = new ArrayList<>();
        for (Place place : scenario.places) {
            Figures figures = StayOracle.figures(rows, place.id(), place.zone(), from, to);
            long open = rows.stream().filter(r -> r.siteId().equals(place.id()) && r.open()).count();
            Map<String, Object> row = report.getMap("sites.find { it.siteId == '" + place.id() + "' }");
            assertThat(line(row)).as("summary %s..%s of %s (%s), call %d", from, to, place.id(), place.zone(), call)
                    .isEqualTo(line(figures, open));
            total = total.plus(figures);
            openTotal += open;
            if (figures.checkIns() == 0) {
                silent.add(place.id().toString());
            }
        }
        assertThat(line(report.getMap("totals"))).as("summary totals %s..%s, call %d", from, to, call)
                .isEqualTo(line(total, openTotal));
        assertThat(report.getList("silentSites.siteId", String.class)).as("silent sites")
                .containsExactlyInAnyOrderElementsOf(silent);
    }

    /** After a summary, each of its days that ended over an hour before it is stored and counts. */
    private void endedDaysAreStored(LocalDate from, LocalDate to, Instant asked) {
        Map<UUID, Long> versions = StayRows.reportVersions(scenario.beans.db(), scenario.siteIds());
        Set<String> counting = StayRows.days(scenario.beans.db(), scenario.siteIds()).stream()
                .filter(d -> !d.stale() && d.siteVersion() == versions.get(d.siteId()))
                .map(d -> d.siteId() + " " + d.day()).collect(Collectors.toSet());
        for (Place place : scenario.places) {
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                Instant storable = day.plusDays(1).atStartOfDay(place.zone()).toInstant().plus(Duration.ofMinutes(61));
                if (storable.isBefore(asked)) {
                    assertThat(counting).as("stored days after a summary").contains(place.id() + " " + day);
                }
            }
        }
    }

    // ---- helpers ----

    /** A stay's length in whole seconds, rounded up, as visit.stay_seconds must hold it. */
    private static long ceilSeconds(Row row) {
        Duration stay = Duration.between(row.in(), row.out());
        return stay.getSeconds() + (stay.getNano() > 0 ? 1 : 0);
    }

    private static String line(Map<String, Object> row) {
        assertThat(row).as("a summary row").isNotNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> kinds = (Map<String, Object>) row.get("flaggedByKind");
        return "checkIns=%s unique=%s flagged=%s fever=%s symptoms=%s closeContact=%s outbreakArea=%s autoClosed=%s open=%s"
                .formatted(row.get("checkIns"), row.get("uniqueVisitors"), row.get("flagged"), kinds.get("fever"),
                        kinds.get("symptoms"), kinds.get("closeContact"), kinds.get("outbreakArea"),
                        row.get("autoClosed"), row.get("openNow"));
    }

    private static String line(Figures f, long open) {
        return "checkIns=%d unique=%d flagged=%d fever=%d symptoms=%d closeContact=%d outbreakArea=%d autoClosed=%d open=%d"
                .formatted(f.checkIns(), f.persons().size(), f.flagged(), f.fever(), f.symptoms(), f.closeContact(),
                        f.outbreakArea(), f.autoClosed(), open);
    }

    private static String stored(StoredDay d) {
        ByteBuffer keys = ByteBuffer.wrap(d.persons());
        List<Long> persons = new ArrayList<>();
        while (keys.remaining() >= Long.BYTES) {
            persons.add(keys.getLong());
        }
        return "checkIns=%d flagged=%d fever=%d symptoms=%d closeContact=%d outbreakArea=%d autoClosed=%d persons=%s"
                .formatted(d.checkIns(), d.flagged(), d.fever(), d.symptoms(), d.closeContact(), d.outbreakArea(),
                        d.autoClosed(), persons);
    }

    private static String stored(Figures f) {
        return "checkIns=%d flagged=%d fever=%d symptoms=%d closeContact=%d outbreakArea=%d autoClosed=%d persons=%s"
                .formatted(f.checkIns(), f.flagged(), f.fever(), f.symptoms(), f.closeContact(), f.outbreakArea(),
                        f.autoClosed(), new ArrayList<>(new TreeSet<>(f.personHashes())));
    }
}
