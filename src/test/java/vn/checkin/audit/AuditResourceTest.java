package vn.checkin.audit;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import vn.checkin.support.Api;
import vn.checkin.support.Api.Staff;
import vn.checkin.support.Api.TestSite;
import vn.checkin.support.Sessions;
import vn.checkin.support.Visits.TestVisit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static vn.checkin.support.Visits.visit;

/**
 * The audit trail through the API: what tracing, reception and administration leave in it, what a detail may
 * hold, filters and paging, and who may read it. Every test acts with users it creates, so it can count exactly
 * the entries of its own actors; entries of the bootstrap administrator are narrowed by the test's start time.
 */
@QuarkusTest
class AuditResourceTest {

    private static final String AUDIT = "/api/v1/audit";
    private static final String QUERIES = "/api/v1/tracing/queries";
    private static final String PROBLEM_JSON = "application/problem+json";

    // --- What is recorded --------------------------------------------------------------------------------------

    @Test
    void tracingQueryViewAndExportAreRecordedForTheQueryUnderTheTracer() {
        Instant start = now();
        Traced traced = tracedDay("2025-09-01");
        view(traced);
        export(traced, "csv");

        List<Map<String, Object>> entries = entriesOfTarget(auditAsAdmin(Map.of("from", start)), traced.queryId());

        assertThat(entries).extracting(e -> e.get("action"))
                .containsExactlyInAnyOrder("TRACING_QUERY", "TRACING_VIEW", "TRACING_EXPORT");
        assertThat(entries).extracting(e -> e.get("actor")).containsOnly(traced.tracer().username());
        assertThat(entries).allSatisfy(e -> assertThat(Instant.parse((String) e.get("at")))
                .isBetween(start, Instant.now()));
        assertThat(detailOf(entries, "TRACING_QUERY")).contains("reason=" + traced.reason());
        assertThat(detailOf(entries, "TRACING_EXPORT")).contains("format=csv");
    }

    @Test
    void tracingDetailsHoldCriteriaButNoContactsNamesOrPhonesNorDeclarations() {
        Instant start = now();
        Traced traced = tracedDay("2025-09-02");
        view(traced);
        export(traced, "csv");
        export(traced, "xlsx");

        List<Map<String, Object>> entries = entriesOfTarget(auditAsAdmin(Map.of("from", start)), traced.queryId());

        assertThat(entries).hasSize(4);
        for (Map<String, Object> entry : entries) {
            String detail = String.valueOf(entry.get("detail"));
            assertThat(detail).as(entry.get("action") + " detail")
                    .doesNotContain(traced.contactName(), traced.contactPhone(), traced.contactPhone().substring(1))
                    .doesNotContainIgnoringCase("temperature")
                    .doesNotContainIgnoringCase("symptom")
                    .doesNotContainIgnoringCase("declaration");
        }
    }

    @Test
    void receptionLogViewAndCsvDownloadAreRecordedForTheSiteWithoutTheVisitorOrTheSearchText() {
        TestSite site = Api.createSite();
        Staff desk = Api.reception(site.id());
        String visitorPhone = Api.randomPhone();
        Api.checkin(site, "Võ Thị Sáu", visitorPhone);
        String day = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).toString();

        given().auth().oauth2(desk.token()).accept(ContentType.JSON)
                .queryParam("date", day).queryParam("q", "Võ Thị Sáu")
                .get("/api/v1/sites/" + site.id() + "/visits")
                .then().statusCode(200);
        given().auth().oauth2(desk.token()).accept("text/csv")
                .get("/api/v1/sites/" + site.id() + "/visits")
                .then().statusCode(200);

        JsonPath audit = auditAsAdmin(Map.of("actor", desk.username()));
        List<Map<String, Object>> entries = audit.getList("items");
        assertThat(entries).extracting(e -> e.get("action"))
                .containsExactlyInAnyOrder("RECEPTION_LOG_VIEW", "RECEPTION_LOG_CSV");
        assertThat(entries).extracting(e -> e.get("target")).containsOnly(site.id());
        assertThat(detailOf(entries, "RECEPTION_LOG_VIEW")).contains("date=" + day);
        assertThat(entries).extracting(e -> String.valueOf(e.get("detail"))).allSatisfy(detail -> assertThat(detail)
                .doesNotContain("Võ Thị Sáu", visitorPhone, visitorPhone.substring(1), "36.6")
                .doesNotContainIgnoringCase("temperature"));
    }

    @Test
    void creatingASiteAndRotatingItsQrAreRecorded() {
        Instant start = now();
        TestSite site = Api.createSite();
        given().auth().oauth2(Api.adminToken()).post("/api/v1/sites/" + site.id() + "/qr/rotate")
                .then().statusCode(200);

        List<Map<String, Object>> entries = entriesOfTarget(auditAsAdmin(Map.of("from", start, "actor", "admin")),
                site.id());

        assertThat(entries).extracting(e -> e.get("action")).containsExactlyInAnyOrder("SITE_CREATE", "QR_ROTATE");
        assertThat(detailOf(entries, "SITE_CREATE")).contains("code=" + site.code());
        assertThat(detailOf(entries, "QR_ROTATE")).contains("qrVersion=" + (site.qrVersion() + 1));
    }

    @Test
    void administratorsExportOfATracersQueryIsRecordedUnderTheAdministrator() {
        Instant start = now();
        Traced traced = tracedDay("2025-09-03");
        given().auth().oauth2(Api.adminToken()).get(QUERIES + "/" + traced.queryId() + "/export?format=pdf")
                .then().statusCode(200);

        List<Map<String, Object>> exports = entriesOfTarget(
                auditAsAdmin(Map.of("from", start, "action", "TRACING_EXPORT")), traced.queryId());

        assertThat(exports).hasSize(1);
        assertThat(exports.get(0)).containsEntry("actor", "admin");
        assertThat((String) exports.get(0).get("detail")).contains("format=pdf");
    }

    // --- Filters and paging ------------------------------------------------------------------------------------

    @Test
    void filtersByActorAndAction() {
        Traced traced = tracedDay("2025-09-04");
        view(traced);
        export(traced, "csv");
        export(traced, "xlsx");

        JsonPath exports = auditAsAdmin(Map.of("actor", traced.tracer().username(), "action", "TRACING_EXPORT"));
        JsonPath everything = auditAsAdmin(Map.of("actor", traced.tracer().username()));

        assertThat(exports.getInt("total")).isEqualTo(2);
        assertThat(exports.getList("items.action", String.class)).containsOnly("TRACING_EXPORT");
        assertThat(exports.getList("items.detail", String.class)).containsExactlyInAnyOrder("format=csv", "format=xlsx");
        assertThat(everything.getInt("total")).isEqualTo(4);
        assertThat(everything.getList("items.actor", String.class)).containsOnly(traced.tracer().username());
        assertThat(everything.getList("items.action", String.class)).containsExactlyInAnyOrder(
                "TRACING_QUERY", "TRACING_VIEW", "TRACING_EXPORT", "TRACING_EXPORT");
        assertNewestFirst(everything.getList("items.at", String.class));
    }

    @Test
    void anEmptyPeriodAndOffsetsInInstantsAreAccepted() {
        Traced traced = tracedDay("2025-09-06");
        String actor = traced.tracer().username();
        Instant at = Instant.parse(auditAsAdmin(Map.of("actor", actor)).getString("items[0].at"));
        String inHanoi = at.atOffset(ZoneOffset.ofHours(7)).toString();

        assertThat(auditAsAdmin(Map.of("actor", actor, "from", at, "to", at)).getInt("total")).isZero();
        assertThat(auditAsAdmin(Map.of("actor", actor, "from", inHanoi)).getInt("total")).isEqualTo(1);
    }

    @Test
    void filtersByTime() {
        Instant before = now();
        Traced traced = tracedDay("2025-09-05");
        Instant after = now().plusMillis(1);
        String actor = traced.tracer().username();

        assertThat(auditAsAdmin(Map.of("actor", actor, "from", before)).getInt("total")).isEqualTo(1);
        assertThat(auditAsAdmin(Map.of("actor", actor, "to", after)).getInt("total")).isEqualTo(1);
        assertThat(auditAsAdmin(Map.of("actor", actor, "to", before)).getInt("total")).isZero();
        assertThat(auditAsAdmin(Map.of("actor", actor, "from", after)).getInt("total")).isZero();
    }

    @Test
    void filtersByTargetExactlyAloneAndWithTheOtherFilters() {
        Instant start = now();
        Traced first = tracedDay("2025-09-11");
        Traced second = tracedDay("2025-09-12");
        view(first);
        export(first, "csv");
        view(second);

        JsonPath ofFirst = auditAsAdmin(Map.of("target", first.queryId()));
        JsonPath exportsOfFirst = auditAsAdmin(Map.of("target", first.queryId(), "action", "TRACING_EXPORT",
                "actor", first.tracer().username(), "from", start));
        JsonPath prefixOnly = auditAsAdmin(Map.of("target", first.queryId().substring(0, 8)));

        assertThat(ofFirst.getList("items.action", String.class))
                .containsExactlyInAnyOrder("TRACING_EXPORT", "TRACING_VIEW", "TRACING_QUERY");
        assertThat(ofFirst.getList("items.target", String.class)).containsOnly(first.queryId());
        assertThat(ofFirst.getInt("total")).isEqualTo(3);
        assertThat(exportsOfFirst.getInt("total")).isEqualTo(1);
        assertThat(exportsOfFirst.getString("items[0].detail")).isEqualTo("format=csv");
        assertThat(prefixOnly.getInt("total")).as("no partial match").isZero();
        assertThat(auditAs(first.tracer().token(), Map.of("target", second.queryId())).getInt("total"))
                .as("a tracer filtering by another's query sees none of its entries").isZero();
        assertThat(auditAs(first.tracer().token(), Map.of("target", first.queryId())).getInt("total")).isEqualTo(3);
    }

    @Test
    void anEntryNamesTheLoginSessionItWasMadeIn() {
        Staff tracer = Api.tracer();
        String token = Sessions.withSession(tracer.token());
        Staff withSession = new Staff(tracer.id(), tracer.username(), token);
        TestSite site = Api.createSite();
        String casePhone = Api.randomPhone();
        visit(site, casePhone).from("2025-09-13T01:00:00Z").to("2025-09-13T02:00:00Z");

        String queryId = Api.traceDay(withSession, casePhone, "2025-09-13", Api.unique("Ca")).getString("id");
        given().auth().oauth2(token).get(QUERIES + "/" + queryId + "/export?format=csv").then().statusCode(200);

        JsonPath audit = auditAs(token, Map.of("target", queryId));
        assertThat(audit.getList("items.action", String.class)).containsExactlyInAnyOrder("TRACING_EXPORT", "TRACING_QUERY");
        assertThat(audit.getList("items.sessionId", String.class)).containsOnly(Sessions.sessionOf(token));
    }

    @Test
    void pagesCoverEveryEntryOnceWithTheirPagingFields() {
        Traced traced = tracedDay("2025-09-08");
        view(traced);
        export(traced, "csv");
        export(traced, "pdf");
        String actor = traced.tracer().username();

        JsonPath first = auditAsAdmin(Map.of("actor", actor, "page", 0, "size", 3));
        JsonPath second = auditAsAdmin(Map.of("actor", actor, "page", 1, "size", 3));

        assertThat(first.getInt("total")).isEqualTo(4);
        assertThat(first.getInt("page")).isZero();
        assertThat(first.getInt("size")).isEqualTo(3);
        assertThat(first.getList("items")).hasSize(3);
        assertThat(second.getInt("total")).isEqualTo(4);
        assertThat(second.getInt("page")).isEqualTo(1);
        assertThat(second.getList("items")).hasSize(1);
        List<String> ids = new ArrayList<>(first.getList("items.id", String.class));
        ids.addAll(second.getList("items.id", String.class));
        assertThat(ids).doesNotHaveDuplicates().hasSize(4);
    }

    @Test
    void unknownActionMalformedTimeAndOutOfRangePageSizeAreBadRequests() {
        given().auth().oauth2(Api.adminToken()).queryParam("action", "NOT_AN_ACTION").get(AUDIT)
                .then().statusCode(400).contentType(PROBLEM_JSON).body("violations[0].field", equalTo("action"));
        given().auth().oauth2(Api.adminToken()).queryParam("action", "tracing_query").get(AUDIT)
                .then().statusCode(400).contentType(PROBLEM_JSON).body("violations[0].field", equalTo("action"));
        given().auth().oauth2(Api.adminToken()).queryParam("from", "yesterday").get(AUDIT)
                .then().statusCode(400).contentType(PROBLEM_JSON).body("violations[0].field", equalTo("from"));
        given().auth().oauth2(Api.adminToken()).queryParam("to", "2026-11-22T08:30").get(AUDIT)
                .then().statusCode(400).contentType(PROBLEM_JSON).body("violations[0].field", equalTo("to"));
        given().auth().oauth2(Api.tracer().token())
                .queryParam("from", "2026-11-22T00:00:00Z").queryParam("to", "2026-11-21T23:59:59Z").get(AUDIT)
                .then().statusCode(400).contentType(PROBLEM_JSON).body("status", equalTo(400))
                .body("violations[0].field", equalTo("from"));
        given().auth().oauth2(Api.adminToken()).queryParam("size", 0).get(AUDIT)
                .then().statusCode(400).contentType(PROBLEM_JSON);
        given().auth().oauth2(Api.adminToken()).queryParam("size", 201).get(AUDIT)
                .then().statusCode(400).contentType(PROBLEM_JSON);
    }

    // --- Who may read it ---------------------------------------------------------------------------------------

    @Test
    void tracerSeesOnlyTheirOwnEntriesWhateverActorTheyAskFor() {
        Traced someoneElses = tracedDay("2025-09-09");
        Traced own = tracedDay("2025-09-10");

        for (String askedActor : new String[] {null, "admin", someoneElses.tracer().username()}) {
            Map<String, Object> params = new HashMap<>();
            if (askedActor != null) {
                params.put("actor", askedActor);
            }
            JsonPath audit = auditAs(own.tracer().token(), params);
            assertThat(audit.getInt("total")).as("asked for actor " + askedActor).isEqualTo(1);
            assertThat(audit.getList("items.actor", String.class)).containsExactly(own.tracer().username());
            assertThat(audit.getList("items.target", String.class)).containsExactly(own.queryId());
        }
    }

    @Test
    void receptionCannotReadTheAuditTrail() {
        TestSite site = Api.createSite();

        given().auth().oauth2(Api.reception(site.id()).token()).get(AUDIT)
                .then().statusCode(403).contentType(PROBLEM_JSON);
    }

    @Test
    void auditTrailNeedsALogin() {
        given().get(AUDIT)
                .then().statusCode(401).contentType(PROBLEM_JSON);
    }

    // --- Fixtures and helpers ----------------------------------------------------------------------------------

    /** A stored query (one case visit, one F1 contact), run by its own new tracer. */
    private record Traced(Staff tracer, String queryId, String reason, String contactName, String contactPhone) {
    }

    private static Traced tracedDay(String day) {
        TestSite site = Api.createSite();
        String casePhone = Api.randomPhone();
        String contactPhone = Api.randomPhone();
        String contactName = Api.unique("Đặng Thùy Trâm");
        visit(site, casePhone).from(day + "T01:00:00Z").to(day + "T03:00:00Z");
        TestVisit contact = visit(site, contactPhone).named(contactName)
                .from(day + "T02:00:00Z").to(day + "T04:00:00Z");
        Staff tracer = Api.tracer();
        String reason = Api.unique("Ca bệnh BN");
        JsonPath result = Api.traceDay(tracer, casePhone, day, reason);
        assertThat(result.getList("contacts.visitId", String.class)).containsExactly(contact.id());
        return new Traced(tracer, result.getString("id"), reason, contactName, contactPhone);
    }

    private static void view(Traced traced) {
        given().auth().oauth2(traced.tracer().token()).get(QUERIES + "/" + traced.queryId())
                .then().statusCode(200);
    }

    private static void export(Traced traced, String format) {
        given().auth().oauth2(traced.tracer().token())
                .get(QUERIES + "/" + traced.queryId() + "/export?format=" + format)
                .then().statusCode(200);
    }

    private static JsonPath auditAsAdmin(Map<String, ?> params) {
        return auditAs(Api.adminToken(), params);
    }

    private static JsonPath auditAs(String token, Map<String, ?> params) {
        Map<String, Object> query = new HashMap<>();
        params.forEach((name, value) -> query.put(name, String.valueOf(value)));
        query.putIfAbsent("size", "200");
        return given().auth().oauth2(token).queryParams(query).get(AUDIT)
                .then().statusCode(200).contentType(ContentType.JSON)
                .extract().jsonPath();
    }

    private static List<Map<String, Object>> entriesOfTarget(JsonPath audit, String target) {
        assertThat(audit.getLong("total")).as("the test's entries fit on one page").isLessThanOrEqualTo(200);
        return audit.<Map<String, Object>>getList("items").stream()
                .filter(e -> target.equals(e.get("target")))
                .toList();
    }

    private static String detailOf(List<Map<String, Object>> entries, String action) {
        List<String> details = entries.stream().filter(e -> action.equals(e.get("action")))
                .map(e -> (String) e.get("detail")).toList();
        assertThat(details).as("entries " + action).hasSize(1);
        assertThat(details.get(0)).as("detail of " + action).isNotNull();
        return details.get(0);
    }

    private static void assertNewestFirst(List<String> ats) {
        List<Instant> times = ats.stream().map(Instant::parse).toList();
        assertThat(times).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    /** Now, as the audit trail stores it (whole milliseconds), so "from now" includes what happens next. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
