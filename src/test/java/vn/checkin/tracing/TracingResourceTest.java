package vn.checkin.tracing;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import vn.checkin.support.Api;
import vn.checkin.support.Api.TestSite;
import vn.checkin.support.Visits.TestVisit;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static vn.checkin.support.Visits.randomIdNumber;
import static vn.checkin.support.Visits.visit;
import static vn.checkin.support.Visits.visitWithoutPhone;

/**
 * Contact tracing through the API. Every test places its own visits at exact times on its own day in 2025, at
 * sites it creates, with random phones; expected overlaps are derived from those times.
 */
@QuarkusTest
class TracingResourceTest {

    private static final String QUERIES = "/api/v1/tracing/queries";
    private static Api.Staff tracer;

    // --- The result ------------------------------------------------------------------------------------------

    @Test
    void queryIsCreatedWithLocationCaseVisitsAndExplainedContacts() {
        TestSite site = Api.createSite();
        String casePhone = Api.randomPhone();
        TestVisit caseVisit = visit(site, casePhone).from("2025-01-06T08:00:00Z").to("2025-01-06T09:00:00Z");
        TestVisit contact = visit(site, Api.randomPhone()).named("Trần Thị Bình")
                .from("2025-01-06T08:30:00Z").to("2025-01-06T10:00:00Z");

        ValidatableResponse created = query(byPhone(casePhone), "2025-01-06T00:00:00Z", "2025-01-07T00:00:00Z")
                .post(tracer().token())
                .then().statusCode(201);
        JsonPath result = created.extract().jsonPath();
        created.header("Location", endsWith(QUERIES + "/" + result.getString("id")));

        assertThat(result.getList("case.visits.visitId"), contains(caseVisit.id()));
        assertEquals(1, result.getList("contacts").size());
        Map<String, Object> row = contact(result, contact);
        assertEquals("Trần Thị Bình", path(row, "visitor.fullName"));
        assertEquals(contact.phone(), path(row, "visitor.phone"));
        assertEquals(site.id(), row.get("siteId"));
        assertEquals(site.name(), row.get("siteName"));
        assertEquals(contact.checkedInAt(), instant(row.get("checkedInAt")));
        assertEquals(contact.checkedOutAt(), instant(row.get("checkedOutAt")));
        assertEquals(false, row.get("autoClosed"));
        assertOverlap(row, contact.checkedInAt(), caseVisit.checkedOutAt());
        assertEquals("F1", row.get("level"));
        assertEquals(caseVisit.id(), row.get("viaVisitId"));
        assertEquals(1, row.get("encounters"));
        assertEquals(tracer().username(), result.getString("createdBy"));
        assertThat(result.getString("createdAt"), notNullValue());
    }

    @Test
    void storedQueryReadsBackTheSameCaseAndContacts() {
        TestSite site = Api.createSite();
        String casePhone = Api.randomPhone();
        visit(site, casePhone).from("2025-01-07T08:00:00Z").to("2025-01-07T09:00:00Z");
        visit(site, Api.randomPhone()).from("2025-01-07T08:00:00Z").to("2025-01-07T08:40:00Z");
        visit(site, Api.randomPhone()).from("2025-01-07T08:30:00Z").stillOnSite();
        JsonPath created = query(byPhone(casePhone), "2025-01-07T00:00:00Z", "2025-01-08T00:00:00Z")
                .runAs(tracer().token());

        JsonPath read = given().auth().oauth2(tracer().token())
                .get(QUERIES + "/" + created.getString("id"))
                .then().statusCode(200).extract().jsonPath();

        assertEquals(created.getString("id"), read.getString("id"));
        assertEquals(2, read.getList("contacts").size());
        assertEquals(created.getList("contacts"), read.getList("contacts"));
        assertEquals(created.getList("case.visits"), read.getList("case.visits"));
        assertEquals(created.getString("createdBy"), read.getString("createdBy"));
    }

    // --- Who is a contact --------------------------------------------------------------------------------------

    @Test
    void staysThatOnlyTouchAreNoContactsEvenWithZeroMinimum() {
        TestSite site = Api.createSite();
        String casePhone = Api.randomPhone();
        visit(site, casePhone).from("2025-01-08T08:00:00Z").to("2025-01-08T09:00:00Z");
        visit(site, Api.randomPhone()).from("2025-01-08T09:00:00Z").to("2025-01-08T10:00:00Z");
        visit(site, Api.randomPhone()).from("2025-01-08T07:00:00Z").to("2025-01-08T08:00:00Z");
        TestVisit overlapping = visit(site, Api.randomPhone())
                .from("2025-01-08T08:59:00Z").to("2025-01-08T10:00:00Z");

        JsonPath result = query(byPhone(casePhone), "2025-01-08T00:00:00Z", "2025-01-09T00:00:00Z")
                .minOverlap(0).runAs(tracer().token());

        assertThat(contactIds(result), contains(overlapping.id()));
    }

    @Test
    void overlapOfExactlyTheMinimumIsAContactAndOneSecondLessIsNot() {
        TestSite site = Api.createSite();
        String casePhone = Api.randomPhone();
        TestVisit caseVisit = visit(site, casePhone).from("2025-01-09T08:00:00Z").to("2025-01-09T09:00:00Z");
        TestVisit exactlyFifteen = visit(site, Api.randomPhone())
                .from("2025-01-09T08:45:00Z").to("2025-01-09T10:00:00Z");
        visit(site, Api.randomPhone()).from("2025-01-09T08:45:01Z").to("2025-01-09T10:00:00Z");

        JsonPath result = query(byPhone(casePhone), "2025-01-09T00:00:00Z", "2025-01-10T00:00:00Z")
                .minOverlap(15).runAs(tracer().token());

        assertThat(contactIds(result), contains(exactlyFifteen.id()));
        assertOverlap(contact(result, exactlyFifteen), exactlyFifteen.checkedInAt(), caseVisit.checkedOutAt());
    }

    @Test
    void zeroMinimumCountsAnyPositiveOverlap() {
        TestSite site = Api.createSite();
        String casePhone = Api.randomPhone();
        TestVisit caseVisit = visit(site, casePhone).from("2025-01-10T08:00:00Z").to("2025-01-10T09:00:00Z");
        TestVisit oneSecond = visit(site, Api.randomPhone())
                .from("2025-01-10T08:59:59Z").to("2025-01-10T10:00:00Z");

        JsonPath withZero = query(byPhone(casePhone), "2025-01-10T00:00:00Z", "2025-01-11T00:00:00Z")
                .minOverlap(0).runAs(tracer().token());
        JsonPath withOne = query(byPhone(casePhone), "2025-01-10T00:00:00Z", "2025-01-11T00:00:00Z")
                .minOverlap(1).runAs(tracer().token());

        assertThat(contactIds(withZero), contains(oneSecond.id()));
        assertOverlap(contact(withZero, oneSecond), oneSecond.checkedInAt(), caseVisit.checkedOutAt());
        assertThat(contactIds(withOne), empty());
    }

    @Test
    void bufferExtendsTheCaseStayAfterTheCaseLeft() {
        TestSite site = Api.createSite();
        String casePhone = Api.randomPhone();
        TestVisit caseVisit = visit(site, casePhone).from("2025-01-13T08:00:00Z").to("2025-01-13T09:00:00Z");
        TestVisit arrivedTenMinutesLater = visit(site, Api.randomPhone())
                .from("2025-01-13T09:10:00Z").to("2025-01-13T10:00:00Z");

        JsonPath withBuffer = query(byPhone(casePhone), "2025-01-13T00:00:00Z", "2025-01-14T00:00:00Z")
                .buffer(30).minOverlap(5).runAs(tracer().token());
        JsonPath withoutBuffer = query(byPhone(casePhone), "2025-01-13T00:00:00Z", "2025-01-14T00:00:00Z")
                .buffer(0).minOverlap(5).runAs(tracer().token());

        assertThat(contactIds(withBuffer), contains(arrivedTenMinutesLater.id()));
        assertOverlap(contact(withBuffer, arrivedTenMinutesLater), arrivedTenMinutesLater.checkedInAt(),
                caseVisit.checkedOutAt().plus(Duration.ofMinutes(30)));
        assertThat(contactIds(withoutBuffer), empty());
    }

    @Test
    void contactStillOnSiteCountsUntilNow() {
        TestSite site = Api.createSite();
        String casePhone = Api.randomPhone();
        TestVisit caseVisit = visit(site, casePhone).from("2025-01-14T08:00:00Z").to("2025-01-14T09:00:00Z");
        TestVisit stillOnSite = visit(site, Api.randomPhone()).from("2025-01-14T08:30:00Z").stillOnSite();

        JsonPath result = query(byPhone(casePhone), "2025-01-14T00:00:00Z", "2025-01-15T00:00:00Z")
                .runAs(tracer().token());

        Map<String, Object> row = contact(result, stillOnSite);
        assertNull(row.get("checkedOutAt"));
        assertOverlap(row, stillOnSite.checkedInAt(), caseVisit.checkedOutAt());
    }

    @Test
    void caseAtTwoSitesHasTheContactsOfEachSite() {
        TestSite morning = Api.createSite();
        TestSite afternoon = Api.createSite();
        String casePhone = Api.randomPhone();
        visit(morning, casePhone).from("2025-01-16T08:00:00Z").to("2025-01-16T09:00:00Z");
        visit(afternoon, casePhone).from("2025-01-16T13:00:00Z").to("2025-01-16T14:00:00Z");
        TestVisit atMorning = visit(morning, Api.randomPhone()).from("2025-01-16T08:30:00Z").to("2025-01-16T10:00:00Z");
        TestVisit atAfternoon = visit(afternoon, Api.randomPhone()).from("2025-01-16T12:00:00Z")
                .to("2025-01-16T13:20:00Z");
        visit(afternoon, Api.randomPhone()).from("2025-01-16T08:30:00Z").to("2025-01-16T09:00:00Z");

        JsonPath result = query(byPhone(casePhone), "2025-01-16T00:00:00Z", "2025-01-17T00:00:00Z")
                .runAs(tracer().token());

        assertThat(contactIds(result), containsInAnyOrder(atMorning.id(), atAfternoon.id()));
        assertOverlap(contact(result, atMorning), Instant.parse("2025-01-16T08:30:00Z"),
                Instant.parse("2025-01-16T09:00:00Z"));
        assertOverlap(contact(result, atAfternoon), Instant.parse("2025-01-16T13:00:00Z"),
                Instant.parse("2025-01-16T13:20:00Z"));
    }

    @Test
    void aStayThatBeganHoursBeforeTheCaseArrivedIsFound() {
        TestSite site = Api.createSite();
        String casePhone = Api.randomPhone();
        visit(site, casePhone).from("2025-01-17T19:00:00Z").to("2025-01-17T19:30:00Z");
        TestVisit allDay = visit(site, Api.randomPhone()).from("2025-01-17T07:00:00Z").to("2025-01-17T21:00:00Z");

        JsonPath result = query(byPhone(casePhone), "2025-01-17T18:00:00Z", "2025-01-17T20:00:00Z")
                .runAs(tracer().token());

        assertThat(contactIds(result), contains(allDay.id()));
        assertOverlap(contact(result, allDay), Instant.parse("2025-01-17T19:00:00Z"),
                Instant.parse("2025-01-17T19:30:00Z"));
    }

    @Test
    void visitsAtOtherSitesAreNeverContacts() {
        TestSite site = Api.createSite();
        TestSite otherSite = Api.createSite();
        String casePhone = Api.randomPhone();
        visit(site, casePhone).from("2025-01-15T08:00:00Z").to("2025-01-15T09:00:00Z");
        TestVisit sameSite = visit(site, Api.randomPhone()).from("2025-01-15T08:00:00Z").to("2025-01-15T09:00:00Z");
        visit(otherSite, Api.randomPhone()).from("2025-01-15T08:00:00Z").to("2025-01-15T09:00:00Z");

        JsonPath result = query(byPhone(casePhone), "2025-01-15T00:00:00Z", "2025-01-16T00:00:00Z")
                .runAs(tracer().token());

        assertThat(contactIds(result), contains(sameSite.id()));
    }

    @Test
    void theCaseIsNeverTheirOwnContactWhateverTheSpellingOfTheirPhone() {
        TestSite site = Api.createSite();
        String casePhone = Api.randomPhone();
        String caseIdNumber = randomIdNumber();
        TestVisit first = visit(site, casePhone).idNumber(caseIdNumber)
                .from("2025-01-16T08:00:00Z").to("2025-01-16T09:00:00Z");
        TestVisit checkedInAgain = visit(site, casePhone).from("2025-01-16T08:30:00Z").to("2025-01-16T09:30:00Z");
        visitWithoutPhone(site).idNumber(caseIdNumber).from("2025-01-16T08:00:00Z").to("2025-01-16T09:00:00Z");
        TestVisit someoneElse = visit(site, Api.randomPhone())
                .from("2025-01-16T08:00:00Z").to("2025-01-16T09:00:00Z");

        JsonPath result = query(byPhone(spacedInternational(casePhone)), "2025-01-16T00:00:00Z",
                "2025-01-17T00:00:00Z").runAs(tracer().token());

        assertThat(result.getList("case.visits.visitId"), hasItems(first.id(), checkedInAgain.id()));
        assertThat(contactIds(result), contains(someoneElse.id()));
    }

    @Test
    void caseFoundByIdNumberAndTheirOtherVisitsAreNotContacts() {
        TestSite site = Api.createSite();
        String caseIdNumber = randomIdNumber();
        TestVisit caseVisit = visit(site, Api.randomPhone()).idNumber(caseIdNumber)
                .from("2025-01-17T08:00:00Z").to("2025-01-17T09:00:00Z");
        visit(site, Api.randomPhone()).idNumber(caseIdNumber).from("2025-01-17T08:15:00Z").to("2025-01-17T09:00:00Z");
        TestVisit contact = visit(site, Api.randomPhone()).from("2025-01-17T08:30:00Z").to("2025-01-17T09:00:00Z");

        JsonPath result = query(byIdNumber(caseIdNumber), "2025-01-17T00:00:00Z", "2025-01-18T00:00:00Z")
                .runAs(tracer().token());

        assertThat(result.getList("case.visits.visitId"), hasItem(caseVisit.id()));
        assertThat(contactIds(result), contains(contact.id()));
        assertEquals(caseVisit.id(), contact(result, contact).get("viaVisitId"));
    }

    @Test
    void caseFoundByVisitIdUsesAllTheirVisitsInTheWindow() {
        TestSite site = Api.createSite();
        TestSite otherSite = Api.createSite();
        String casePhone = Api.randomPhone();
        TestVisit morning = visit(site, casePhone).from("2025-01-20T08:00:00Z").to("2025-01-20T09:00:00Z");
        TestVisit afternoon = visit(otherSite, casePhone).from("2025-01-20T14:00:00Z").to("2025-01-20T15:00:00Z");
        TestVisit morningContact = visit(site, Api.randomPhone())
                .from("2025-01-20T08:00:00Z").to("2025-01-20T08:30:00Z");
        TestVisit afternoonContact = visit(otherSite, Api.randomPhone())
                .from("2025-01-20T14:30:00Z").to("2025-01-20T16:00:00Z");

        JsonPath result = query(byVisitId(morning.id()), "2025-01-20T00:00:00Z", "2025-01-21T00:00:00Z")
                .runAs(tracer().token());

        assertThat(result.getList("case.visits.visitId"), containsInAnyOrder(morning.id(), afternoon.id()));
        assertThat(contactIds(result), containsInAnyOrder(morningContact.id(), afternoonContact.id()));
        assertEquals(morning.id(), contact(result, morningContact).get("viaVisitId"));
        assertEquals(afternoon.id(), contact(result, afternoonContact).get("viaVisitId"));
        assertEquals(otherSite.name(), contact(result, afternoonContact).get("siteName"));
    }

    @Test
    void unknownCaseVisitIsNotFound() {
        query(byVisitId(UUID.randomUUID().toString()), "2025-01-21T00:00:00Z", "2025-01-22T00:00:00Z")
                .post(tracer().token())
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void caseVisitsOutsideTheWindowAreNotUsed() {
        TestSite site = Api.createSite();
        String casePhone = Api.randomPhone();
        TestVisit inWindow = visit(site, casePhone).from("2025-01-22T08:00:00Z").to("2025-01-22T09:00:00Z");
        visit(site, casePhone).from("2025-01-21T23:00:00Z").to("2025-01-22T00:00:00Z");
        visit(site, casePhone).from("2025-01-23T00:00:00Z").to("2025-01-23T01:00:00Z");
        TestVisit metInWindow = visit(site, Api.randomPhone())
                .from("2025-01-22T08:00:00Z").to("2025-01-22T09:00:00Z");
        visit(site, Api.randomPhone()).from("2025-01-21T23:00:00Z").to("2025-01-22T00:00:00Z");
        visit(site, Api.randomPhone()).from("2025-01-23T00:00:00Z").to("2025-01-23T01:00:00Z");

        JsonPath result = query(byPhone(casePhone), "2025-01-22T00:00:00Z", "2025-01-23T00:00:00Z")
                .runAs(tracer().token());

        assertThat(result.getList("case.visits.visitId"), contains(inWindow.id()));
        assertThat(contactIds(result), contains(metInWindow.id()));
    }

    @Test
    void personWithTwoOverlappingVisitsAppearsOnceWithTheLongestOverlap() {
        TestSite site = Api.createSite();
        String casePhone = Api.randomPhone();
        String contactPhone = Api.randomPhone();
        TestVisit caseVisit = visit(site, casePhone).from("2025-01-23T08:00:00Z").to("2025-01-23T12:00:00Z");
        visit(site, contactPhone).from("2025-01-23T08:00:00Z").to("2025-01-23T08:30:00Z");
        TestVisit longer = visit(site, contactPhone).from("2025-01-23T10:00:00Z").to("2025-01-23T11:30:00Z");

        JsonPath result = query(byPhone(casePhone), "2025-01-23T00:00:00Z", "2025-01-24T00:00:00Z")
                .runAs(tracer().token());

        assertThat(contactIds(result), contains(longer.id()));
        Map<String, Object> row = contact(result, longer);
        assertOverlap(row, longer.checkedInAt(), longer.checkedOutAt());
        assertEquals(2, row.get("encounters"));
        assertEquals(caseVisit.id(), row.get("viaVisitId"));
    }

    @Test
    void personKnownByPhoneOnOneVisitAndOnlyByIdNumberOnAnotherAppearsOnce() {
        TestSite site = Api.createSite();
        String casePhone = Api.randomPhone();
        String contactIdNumber = randomIdNumber();
        visit(site, casePhone).from("2025-01-24T08:00:00Z").to("2025-01-24T12:00:00Z");
        visit(site, Api.randomPhone()).idNumber(contactIdNumber)
                .from("2025-01-24T08:00:00Z").to("2025-01-24T08:30:00Z");
        TestVisit longer = visitWithoutPhone(site).idNumber(contactIdNumber)
                .from("2025-01-24T10:00:00Z").to("2025-01-24T11:30:00Z");

        JsonPath result = query(byPhone(casePhone), "2025-01-24T00:00:00Z", "2025-01-25T00:00:00Z")
                .runAs(tracer().token());

        assertThat("one row for the person, their longest overlap", contactIds(result), contains(longer.id()));
        assertEquals(2, contact(result, longer).get("encounters"));
    }

    @Test
    void visitsClosedByTheServiceAreMarkedAutoClosed() {
        TestSite site = Api.createSite();
        String casePhone = Api.randomPhone();
        visit(site, casePhone).from("2025-01-27T08:00:00Z").autoClosedAt("2025-01-27T09:00:00Z");
        TestVisit autoClosed = visit(site, Api.randomPhone())
                .from("2025-01-27T08:00:00Z").autoClosedAt("2025-01-27T10:00:00Z");
        TestVisit checkedOut = visit(site, Api.randomPhone()).from("2025-01-27T08:00:00Z").to("2025-01-27T10:00:00Z");

        JsonPath result = query(byPhone(casePhone), "2025-01-27T00:00:00Z", "2025-01-28T00:00:00Z")
                .runAs(tracer().token());

        assertThat(result.getList("case.visits.autoClosed"), contains(true));
        assertEquals(true, contact(result, autoClosed).get("autoClosed"));
        assertEquals(false, contact(result, checkedOut).get("autoClosed"));
    }

    // --- Second level (F2) -------------------------------------------------------------------------------------

    @Test
    void depthTwoAddsTheContactsOfF1ContactsButNeverTheCaseOrAnF1PersonAgain() {
        TestSite office = Api.createSite();
        TestSite branch = Api.createSite();
        String casePhone = Api.randomPhone();
        String f1Phone = Api.randomPhone();
        TestVisit caseVisit = visit(office, casePhone).from("2025-02-03T08:00:00Z").to("2025-02-03T09:00:00Z");
        TestVisit f1AtOffice = visit(office, f1Phone).from("2025-02-03T08:00:00Z").to("2025-02-03T09:00:00Z");
        TestVisit otherF1 = visit(office, Api.randomPhone()).from("2025-02-03T08:30:00Z").to("2025-02-03T09:00:00Z");
        TestVisit f1AtBranch = visit(branch, f1Phone).named("Trần Thị Tiếp Xúc").from("2025-02-03T10:00:00Z")
                .to("2025-02-03T11:00:00Z");
        TestVisit f2 = visit(branch, Api.randomPhone()).from("2025-02-03T10:15:00Z").to("2025-02-03T12:00:00Z");

        JsonPath depthOne = query(byPhone(casePhone), "2025-02-03T00:00:00Z", "2025-02-04T00:00:00Z")
                .depth(1).runAs(tracer().token());
        JsonPath depthTwo = query(byPhone(casePhone), "2025-02-03T00:00:00Z", "2025-02-04T00:00:00Z")
                .depth(2).runAs(tracer().token());

        assertThat(contactIds(depthOne), containsInAnyOrder(f1AtOffice.id(), otherF1.id()));
        assertThat(depthOne.getList("contacts.level"), everyItem(equalTo("F1")));
        assertThat(contactIds(depthTwo, "F1"), containsInAnyOrder(f1AtOffice.id(), otherF1.id()));
        assertThat(contactIds(depthTwo, "F2"), contains(f2.id()));
        Map<String, Object> row = contact(depthTwo, f2);
        assertEquals(f1AtBranch.id(), row.get("viaVisitId"));
        assertEquals(branch.id(), row.get("siteId"));
        assertOverlap(row, f2.checkedInAt(), f1AtBranch.checkedOutAt());
        assertEquals(caseVisit.id(), contact(depthTwo, f1AtOffice).get("viaVisitId"));
        // The F2 row names the F1 person's visit it was found through, not only its id (also in every export).
        assertEquals(Map.of("visitId", f1AtBranch.id(), "fullName", "Trần Thị Tiếp Xúc", "siteName", branch.name(),
                "checkedInAt", "2025-02-03T10:00:00Z"), row.get("via"));
        assertEquals(caseVisit.id(), ((Map<?, ?>) contact(depthTwo, f1AtOffice).get("via")).get("visitId"));
        String csv = given().auth().oauth2(Api.adminToken()).accept("text/csv")
                .get("/api/v1/tracing/queries/{id}/export?format=csv", depthTwo.getString("id"))
                .then().statusCode(200).extract().asString();
        assertThat(csv, containsString("Qua người / Via person"));
        assertThat(csv, containsString("Trần Thị Tiếp Xúc, " + branch.name() + ", "));
    }

    @Test
    void caseWithoutPhoneOrIdNumberIsNeverAnF2OfTheirOwnContacts() {
        TestSite site = Api.createSite();
        TestVisit caseVisit = visitWithoutPhone(site).from("2025-02-04T08:00:00Z").to("2025-02-04T09:00:00Z");
        TestVisit f1 = visit(site, Api.randomPhone()).from("2025-02-04T08:00:00Z").to("2025-02-04T09:00:00Z");

        JsonPath result = query(byVisitId(caseVisit.id()), "2025-02-04T00:00:00Z", "2025-02-05T00:00:00Z")
                .depth(2).runAs(tracer().token());

        assertThat(result.getList("case.visits.visitId"), contains(caseVisit.id()));
        assertThat(contactIds(result, "F1"), contains(f1.id()));
        assertThat("the case's own visit must not come back as F2", contactIds(result, "F2"), empty());
    }

    @Test
    void f1ContactWithoutPhoneOrIdNumberIsNotRepeatedAsF2() {
        TestSite site = Api.createSite();
        String casePhone = Api.randomPhone();
        visit(site, casePhone).from("2025-02-05T08:00:00Z").to("2025-02-05T09:00:00Z");
        TestVisit f1WithPhone = visit(site, Api.randomPhone()).from("2025-02-05T08:00:00Z").to("2025-02-05T09:00:00Z");
        TestVisit f1WithoutPhone = visitWithoutPhone(site).from("2025-02-05T08:00:00Z").to("2025-02-05T09:00:00Z");

        JsonPath result = query(byPhone(casePhone), "2025-02-05T00:00:00Z", "2025-02-06T00:00:00Z")
                .depth(2).runAs(tracer().token());

        assertThat(contactIds(result, "F1"), containsInAnyOrder(f1WithPhone.id(), f1WithoutPhone.id()));
        assertThat("an F1 visit must not come back as F2", contactIds(result, "F2"), empty());
    }

    @Test
    void contactsOfAnF1ContactWithoutPhoneOrIdNumberAreF2() {
        TestSite site = Api.createSite();
        String casePhone = Api.randomPhone();
        visit(site, casePhone).from("2025-02-06T08:00:00Z").to("2025-02-06T09:00:00Z");
        TestVisit f1WithoutPhone = visitWithoutPhone(site).from("2025-02-06T08:00:00Z").to("2025-02-06T10:00:00Z");
        TestVisit cameWhenTheCaseLeft = visit(site, Api.randomPhone())
                .from("2025-02-06T09:00:00Z").to("2025-02-06T10:00:00Z");

        JsonPath result = query(byPhone(casePhone), "2025-02-06T00:00:00Z", "2025-02-07T00:00:00Z")
                .depth(2).runAs(tracer().token());

        assertThat(contactIds(result, "F1"), contains(f1WithoutPhone.id()));
        assertThat("the F1 visit's own contacts", contactIds(result, "F2"), contains(cameWhenTheCaseLeft.id()));
        assertEquals(f1WithoutPhone.id(), contact(result, cameWhenTheCaseLeft).get("viaVisitId"));
    }

    // --- Validation --------------------------------------------------------------------------------------------

    @Test
    void reasonIsRequired() {
        assertInvalid(anyQuery().without("reason"), "reason");
        assertInvalid(anyQuery().with("reason", "   "), "reason");
    }

    @Test
    void exactlyOneCaseIdentifierIsRequired() {
        Map<String, Object> twoIdentifiers = Map.of("phone", Api.randomPhone(), "idNumber", randomIdNumber());
        assertInvalid(anyQuery().with("case", twoIdentifiers), "case");
        assertInvalid(anyQuery().with("case", Map.of()), "case");
    }

    @Test
    void windowMustEndAfterItStarts() {
        assertInvalid(query(byPhone(Api.randomPhone()), "2025-02-10T00:00:00Z", "2025-02-10T00:00:00Z"), "to");
        assertInvalid(query(byPhone(Api.randomPhone()), "2025-02-11T00:00:00Z", "2025-02-10T00:00:00Z"), "to");
    }

    @Test
    void windowSpansAtMostSixtyDays() {
        assertInvalid(query(byPhone(Api.randomPhone()), "2025-01-01T00:00:00Z", "2025-03-02T00:00:01Z"), "to");
        query(byPhone(Api.randomPhone()), "2025-01-01T00:00:00Z", "2025-03-02T00:00:00Z")
                .post(tracer().token()).then().statusCode(201);
    }

    @Test
    void depthIsOneOrTwo() {
        assertInvalid(anyQuery().depth(3), "depth");
        assertInvalid(anyQuery().depth(0), "depth");
    }

    @Test
    void minimumAndBufferCannotBeNegative() {
        assertInvalid(anyQuery().minOverlap(-1), "minOverlapMinutes");
        assertInvalid(anyQuery().buffer(-1), "bufferMinutes");
    }

    @Test
    void casePhoneMustBeAPhoneNumber() {
        assertInvalid(anyQuery().with("case", Map.of("phone", "not-a-phone")), "case.phone");
    }

    // --- Access ------------------------------------------------------------------------------------------------

    @Test
    void runningAQueryWithoutTokenIsUnauthorized() {
        given().contentType(ContentType.JSON).body(anyQuery().body)
                .post(QUERIES)
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void readingAQueryWithoutTokenIsUnauthorized() {
        String id = anyQuery().runAs(tracer().token()).getString("id");

        given().get(QUERIES + "/" + id)
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void receptionCannotRunQueries() {
        TestSite site = Api.createSite();

        anyQuery().post(Api.reception(site.id()).token())
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void receptionCannotReadQueries() {
        TestSite site = Api.createSite();
        String id = anyQuery().runAs(tracer().token()).getString("id");

        given().auth().oauth2(Api.reception(site.id()).token())
                .get(QUERIES + "/" + id)
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void administratorCanRunAQuery() {
        anyQuery().post(Api.adminToken())
                .then().statusCode(201)
                .body("createdBy", equalTo("admin"));
    }

    @Test
    void tracerCannotReadAnotherTracersQueryButAdministratorCan() {
        String id = anyQuery().runAs(tracer().token()).getString("id");

        given().auth().oauth2(Api.tracer().token())
                .get(QUERIES + "/" + id)
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Api.adminToken())
                .get(QUERIES + "/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("createdBy", equalTo(tracer().username()));
    }

    @Test
    void unknownQueryIsNotFound() {
        given().auth().oauth2(tracer().token())
                .get(QUERIES + "/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    // --- Helpers -----------------------------------------------------------------------------------------------

    /** One tracer for the class: its queries are independent, and reading "another tracer's" makes a new one. */
    private static synchronized Api.Staff tracer() {
        if (tracer == null) {
            tracer = Api.tracer();
        }
        return tracer;
    }

    private static Map<String, Object> byPhone(String phone) {
        return Map.of("phone", phone);
    }

    private static Map<String, Object> byIdNumber(String idNumber) {
        return Map.of("idNumber", idNumber);
    }

    private static Map<String, Object> byVisitId(String visitId) {
        return Map.of("visitId", visitId);
    }

    /** {@code 0912345678} spelled {@code 84 912 345 678}: the same person. */
    private static String spacedInternational(String localPhone) {
        String national = localPhone.substring(1);
        return "84 " + national.substring(0, 3) + " " + national.substring(3, 6) + " " + national.substring(6);
    }

    private static Query query(Map<String, Object> caseRef, String from, String to) {
        return new Query(caseRef, from, to);
    }

    /** A valid query nobody's visits match: for validation and access tests. */
    private static Query anyQuery() {
        return query(byPhone(Api.randomPhone()), "2025-02-12T00:00:00Z", "2025-02-13T00:00:00Z");
    }

    private static void assertInvalid(Query query, String field) {
        query.post(tracer().token())
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations.field", hasItem(field));
    }

    private static List<String> contactIds(JsonPath result) {
        return result.getList("contacts.visitId");
    }

    private static List<String> contactIds(JsonPath result, String level) {
        return result.getList("contacts.findAll { it.level == '" + level + "' }.visitId");
    }

    private static Map<String, Object> contact(JsonPath result, TestVisit visit) {
        Map<String, Object> row = result.getMap("contacts.find { it.visitId == '" + visit.id() + "' }");
        assertThat("contact row of visit " + visit.id(), row, notNullValue());
        return row;
    }

    @SuppressWarnings("unchecked")
    private static Object path(Map<String, Object> row, String dotted) {
        Object value = row;
        for (String key : dotted.split("\\.")) {
            value = ((Map<String, Object>) value).get(key);
        }
        return value;
    }

    private static void assertOverlap(Map<String, Object> row, Instant start, Instant end) {
        assertEquals(start, instant(row.get("overlapStart")), "overlapStart");
        assertEquals(end, instant(row.get("overlapEnd")), "overlapEnd");
        assertEquals(Duration.between(start, end).toMinutes(), ((Number) row.get("overlapMinutes")).longValue(),
                "overlapMinutes");
    }

    private static Instant instant(Object value) {
        return value == null ? null : Instant.parse((String) value);
    }

    /** A tracing request body with the contract's usual criteria, adjustable field by field. */
    private static final class Query {
        private final Map<String, Object> body = new LinkedHashMap<>();

        Query(Map<String, Object> caseRef, String from, String to) {
            body.put("case", caseRef);
            body.put("from", from);
            body.put("to", to);
            body.put("minOverlapMinutes", 15);
            body.put("bufferMinutes", 0);
            body.put("depth", 1);
            body.put("reason", Api.unique("Ca bệnh BN"));
        }

        Query minOverlap(int minutes) {
            return with("minOverlapMinutes", minutes);
        }

        Query buffer(int minutes) {
            return with("bufferMinutes", minutes);
        }

        Query depth(int depth) {
            return with("depth", depth);
        }

        Query with(String field, Object value) {
            body.put(field, value);
            return this;
        }

        Query without(String field) {
            body.remove(field);
            return this;
        }

        io.restassured.response.Response post(String token) {
            return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(QUERIES);
        }

        /** Runs the query, which must succeed, and returns its result. */
        JsonPath runAs(String token) {
            return post(token).then().statusCode(201).extract().jsonPath();
        }
    }
}
