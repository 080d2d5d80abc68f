package vn.checkin.ops;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.checkin.audit.AuditAction;
import vn.checkin.audit.AuditEntry;
import vn.checkin.audit.AuditTrail;
import vn.checkin.support.Api;
import vn.checkin.support.Visits;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention at a fixed instant in 2022 (no other test stores visits that early). The test profile keeps visits
 * 30 days, declaration answers 14 days and audit entries 365 days (the default).
 */
@QuarkusTest
class RetentionPurgeTest {

    private static final Instant NOW = Instant.parse("2022-07-01T00:00:00Z");

    @Inject
    RetentionPurge purge;

    @Inject
    AuditTrail audit;

    @Test
    void deletesOldVisitsErasesOldDeclarationsAndKeepsTheRest() {
        Api.TestSite site = Api.createSite();
        Visits.TestVisit expired = Visits.visit(site, Api.randomPhone()).withFever()
                .from("2022-05-31T23:59:59Z").to("2022-06-01T00:30:00Z");
        Visits.TestVisit lastKept = Visits.visit(site, Api.randomPhone()).withFever()
                .from("2022-06-01T00:00:00Z").to("2022-06-01T00:30:00Z");
        Visits.TestVisit answersErased = Visits.visit(site, Api.randomPhone()).withFever()
                .from("2022-06-16T23:59:59Z").to("2022-06-17T01:00:00Z");
        Visits.TestVisit answersKept = Visits.visit(site, Api.randomPhone()).withFever()
                .from("2022-06-17T00:00:00Z").to("2022-06-17T01:00:00Z");

        RetentionPurge.Result result = purge.purge(NOW);

        assertThat(result.visitsBefore()).isEqualTo(Instant.parse("2022-06-01T00:00:00Z"));
        assertThat(result.declarationsBefore()).isEqualTo(Instant.parse("2022-06-17T00:00:00Z"));
        assertThat(result.visitsDeleted()).isGreaterThanOrEqualTo(1);
        given().auth().oauth2(Api.adminToken()).get("/api/v1/visits/" + expired.id()).then().statusCode(404);

        Map<String, Object> erased = visit(lastKept);
        assertThat(declaration(erased)).containsEntry("temperatureC", null).containsEntry("symptoms", List.of())
                .containsEntry("outbreakAreaDetails", null);
        assertThat(erased.get("riskFlags")).as("flags outlive the answers").isEqualTo(List.of("FEVER", "SYMPTOMS"));
        assertThat(declaration(visit(answersErased))).containsEntry("temperatureC", null);

        Map<String, Object> kept = visit(answersKept);
        assertThat(declaration(kept)).containsEntry("temperatureC", 38.2f).containsEntry("symptoms", List.of("COUGH"));
    }

    @Test
    void aSecondPurgeFindsNothingAndEachPurgeIsAuditedWithCountsOnly() {
        Api.TestSite site = Api.createSite();
        String phone = Api.randomPhone();
        Visits.visit(site, phone).named("Phạm Thị Lan").withFever().from("2022-05-01T08:00:00Z").to("2022-05-01T09:00:00Z");

        purge.purge(NOW);
        RetentionPurge.Result again = purge.purge(NOW);

        assertThat(again.visitsDeleted()).isZero();
        assertThat(again.declarationsErased()).isZero();
        List<Map<String, Object>> entries = given().auth().oauth2(Api.adminToken())
                .queryParam("action", "RETENTION_PURGE").queryParam("actor", "system")
                .get("/api/v1/audit").then().statusCode(200).extract().path("items");
        assertThat(entries).isNotEmpty();
        String detail = (String) entries.get(0).get("detail");
        assertThat(detail).contains("visitsDeleted=0").contains("declarationsErased=0")
                .doesNotContain("Phạm").doesNotContain(phone.substring(1));
    }

    @Test
    void deletesAuditEntriesOlderThanTheAuditRetentionInBatchesAndCountsThemInItsOwnEntry() {
        String actor = Api.unique("desk-of-2021");
        Instant cutoff = Instant.parse("2021-07-01T00:00:00Z");
        int expired = 1_100;
        // Over two batches of expired entries, the last a second before the cutoff; the first kept ones on it and after.
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < expired; i++) {
                audit.persist(entry(actor, cutoff.minusSeconds(1 + 3_600L * i)));
            }
            audit.persist(entry(actor, cutoff));
            audit.persist(entry(actor, cutoff.plusSeconds(86_400)));
        });

        RetentionPurge.Result result = purge.purge(NOW);

        assertThat(result.auditBefore()).as("365 days by default").isEqualTo(cutoff);
        assertThat(result.auditEntriesDeleted()).isGreaterThanOrEqualTo(expired);
        JsonPath left = given().auth().oauth2(Api.adminToken()).queryParam("actor", actor).queryParam("size", 200)
                .get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
        assertThat(left.getList("items.at", String.class)).containsExactly("2021-07-02T00:00:00Z", "2021-07-01T00:00:00Z");
        Map<String, Object> own = given().auth().oauth2(Api.adminToken())
                .queryParam("action", "RETENTION_PURGE").queryParam("actor", "system").queryParam("size", 1)
                .get("/api/v1/audit").then().statusCode(200).extract().path("items[0]");
        assertThat((String) own.get("detail")).contains("auditBefore=2021-07-01T00:00:00Z")
                .contains("auditEntriesDeleted=" + result.auditEntriesDeleted());
        assertThat(own.get("sessionId")).as("a job has no login session").isNull();
        assertThat(purge.purge(NOW).auditEntriesDeleted()).as("nothing left to delete").isZero();
    }

    @Test
    void deletingAVisitRemovesItFromStoredTracingResults() {
        Api.TestSite site = Api.createSite();
        String casePhone = Api.randomPhone();
        Visits.visit(site, casePhone).from("2022-05-20T08:00:00Z").to("2022-05-20T10:00:00Z");
        Visits.TestVisit contact = Visits.visit(site, Api.randomPhone()).from("2022-05-20T08:30:00Z")
                .to("2022-05-20T09:30:00Z");
        String queryId = given().auth().oauth2(Api.adminToken()).contentType("application/json")
                .body(Map.of("case", Map.of("phone", casePhone), "from", "2022-05-20T00:00:00Z",
                        "to", "2022-05-21T00:00:00Z", "reason", "before purge"))
                .post("/api/v1/tracing/queries").then().statusCode(201).extract().path("id");

        purge.purge(NOW);

        List<String> contacts = given().auth().oauth2(Api.adminToken()).get("/api/v1/tracing/queries/" + queryId)
                .then().statusCode(200).extract().path("contacts.visitId");
        assertThat(contacts).doesNotContain(contact.id());
    }

    private static AuditEntry entry(String actor, Instant at) {
        AuditEntry entry = new AuditEntry();
        entry.id = UUID.randomUUID();
        entry.at = at;
        entry.actor = actor;
        entry.action = AuditAction.RECEPTION_LOG_VIEW.name();
        entry.target = "old-site";
        entry.detail = "date=" + at.toString().substring(0, 10);
        return entry;
    }

    private static Map<String, Object> visit(Visits.TestVisit visit) {
        return given().auth().oauth2(Api.adminToken()).get("/api/v1/visits/" + visit.id())
                .then().statusCode(200).extract().path("$");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> declaration(Map<String, Object> visit) {
        return (Map<String, Object>) visit.get("declaration");
    }
}
