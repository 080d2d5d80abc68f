package vn.checkin.visit;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.checkin.support.Api;
import vn.checkin.support.Api.TestSite;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The visitor's side of the contract: check in with the scanned QR code, read and close the own visit. */
@QuarkusTest
class CheckinResourceTest {

    private static final String CHECKINS = "/api/v1/checkins";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    // --- check-in -------------------------------------------------------------------------------------------

    @Test
    void healthyCheckinIsCreatedWithItsCheckoutToken() {
        TestSite site = Api.createSite();
        Instant before = Instant.now();

        ExtractableResponse<Response> created = postCheckin(body(site))
                .then().statusCode(201)
                .contentType(ContentType.JSON)
                .body("visitId", matchesPattern(UUID_PATTERN))
                .body("siteId", equalTo(site.id()))
                .body("siteName", equalTo(site.name()))
                .body("checkoutToken", matchesPattern("[A-Za-z0-9_-]{16,}"))
                .body("status", equalTo("ON_SITE"))
                .body("riskFlags", empty())
                .extract();

        String visitId = created.path("visitId");
        assertThatLocationIs(created.header("Location"), CHECKINS + "/" + visitId);
        Instant checkedInAt = Instant.parse(created.path("checkedInAt"));
        assertTrue(!checkedInAt.isBefore(before.minusSeconds(5)) && !checkedInAt.isAfter(Instant.now().plusSeconds(5)),
                "checkedInAt " + checkedInAt + " is the time of the check-in");
        assertEquals(1, logTotal(site));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("declarationsAndTheirFlags")
    void declarationRaisesTheFlagsTheReceptionMustSee(String description, Consumer<Map<String, Object>> declare,
                                                      List<String> expectedFlags) {
        TestSite site = Api.createSite();
        Map<String, Object> body = body(site);
        declare.accept(declaration(body));

        List<String> flags = postCheckin(body).then().statusCode(201).extract().path("riskFlags");

        assertEquals(expectedFlags, flags);
    }

    static Stream<Arguments> declarationsAndTheirFlags() {
        return Stream.of(
                declared("temperature 37.5 is a fever", d -> d.put("temperatureC", 37.5), "FEVER"),
                declared("temperature 37.4 is not a fever", d -> d.put("temperatureC", 37.4)),
                declared("a cough is a symptom", d -> d.put("symptoms", List.of("COUGH")), "SYMPTOMS"),
                declared("close contact with a case", d -> d.put("closeContactWithCase", true), "CLOSE_CONTACT"),
                declared("visited an outbreak area", d -> {
                    d.put("visitedOutbreakArea", true);
                    d.put("outbreakAreaDetails", "Phường Bến Nghé, 15/11");
                }, "OUTBREAK_AREA"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCheckins")
    void invalidCheckinIsRejectedFieldByFieldAndNothingIsStored(String description,
                                                                Consumer<Map<String, Object>> spoil, String field) {
        TestSite site = Api.createSite();
        Map<String, Object> body = body(site);
        spoil.accept(body);

        postCheckin(body)
                .then().statusCode(400)
                .contentType(startsWith(PROBLEM_JSON))
                .body("status", equalTo(400))
                .body("instance", equalTo(CHECKINS))
                .body("violations.field", hasItem(field))
                .body(not(containsString("vn.checkin")))
                .body(not(containsString("Exception")));

        assertEquals(0, logTotal(site));
    }

    static Stream<Arguments> invalidCheckins() {
        return Stream.of(
                invalid("missing full name", b -> visitor(b).remove("fullName"), "visitor.fullName"),
                invalid("blank full name", b -> visitor(b).put("fullName", "  "), "visitor.fullName"),
                invalid("missing phone", b -> visitor(b).remove("phone"), "visitor.phone"),
                invalid("invalid phone", b -> visitor(b).put("phone", "12345"), "visitor.phone"),
                invalid("ID number of 10 digits", b -> visitor(b).put("idNumber", "0790850012"), "visitor.idNumber"),
                invalid("consent false", b -> b.put("consent", false), "consent"),
                invalid("consent missing", b -> b.remove("consent"), "consent"),
                invalid("missing visitor", b -> b.remove("visitor"), "visitor"),
                invalid("missing declaration", b -> b.remove("declaration"), "declaration"),
                invalid("temperature 50 °C", b -> declaration(b).put("temperatureC", 50), "declaration.temperatureC"),
                invalid("unknown symptom", b -> declaration(b).put("symptoms", List.of("SNEEZING")),
                        "declaration.symptoms[0]"),
                invalid("missing QR", b -> b.remove("qr"), "qr"));
    }

    @Test
    void malformedJsonIsBadRequest() {
        assertMalformedJson("{\"qr\" \"x\"}");
    }

    /** A syntax error inside a nested object is still malformed JSON, not an invalid field of that object. */
    @Test
    void malformedJsonInsideANestedObjectIsBadRequestWithoutFieldViolations() {
        assertMalformedJson("{\"qr\": \"x\", \"visitor\": {\"fullName\": }}");
    }

    @Test
    void plainTextBodyIsUnsupportedMediaType() {
        given().contentType(ContentType.TEXT).body("Nguyễn Văn An 0912345678")
                .post(CHECKINS)
                .then().statusCode(415)
                .contentType(startsWith(PROBLEM_JSON))
                .body("status", equalTo(415));
    }

    @Test
    void forgedQrIsRefusedAndNothingStored() {
        TestSite site = Api.createSite();

        postCheckin(body(forged(site.checkinUrl())))
                .then().statusCode(400).contentType(startsWith(PROBLEM_JSON)).body("status", equalTo(400));

        assertEquals(0, logTotal(site));
    }

    @Test
    void qrOfAnUnknownSiteIsNotFound() {
        String unknownSite = "http://localhost:8080/c/" + Api.unique("no-such-site") + "?v=1&s=AAAAAAAAAAAAAAAAAAAAAA";

        postCheckin(body(unknownSite))
                .then().statusCode(404).contentType(startsWith(PROBLEM_JSON)).body("status", equalTo(404));
    }

    @Test
    void garbageQrIsBadRequest() {
        postCheckin(body("this is not a check-in code"))
                .then().statusCode(400).contentType(startsWith(PROBLEM_JSON)).body("status", equalTo(400));
    }

    @Test
    void qrOfAnOlderVersionIsRefusedAfterRotation() {
        TestSite site = Api.createSite();
        given().auth().oauth2(Api.adminToken()).contentType(ContentType.JSON)
                .post("/api/v1/sites/" + site.id() + "/qr/rotate")
                .then().statusCode(200).body("qrVersion", equalTo(site.qrVersion() + 1));

        postCheckin(body(site)).then().statusCode(400).contentType(startsWith(PROBLEM_JSON));

        assertEquals(0, logTotal(site));
    }

    @Test
    void deactivatedSiteRefusesCheckins() {
        TestSite site = Api.createSite();
        given().auth().oauth2(Api.adminToken()).contentType(ContentType.JSON).body(Map.of("active", false))
                .patch("/api/v1/sites/" + site.id())
                .then().statusCode(200).body("active", equalTo(false));

        postCheckin(body(site)).then().statusCode(400).contentType(startsWith(PROBLEM_JSON));

        assertEquals(0, logTotal(site));
    }

    // --- idempotency ----------------------------------------------------------------------------------------

    @Test
    void retryWithTheSameIdempotencyKeyReturnsTheSameVisit() {
        TestSite site = Api.createSite();
        Map<String, Object> body = body(site);
        String key = Api.unique("retry");

        ExtractableResponse<Response> first = postCheckin(body, key).then().statusCode(201).extract();
        ExtractableResponse<Response> retry = postCheckin(body, key).then().statusCode(201).extract();

        assertEquals((String) first.path("visitId"), retry.path("visitId"));
        assertEquals((String) first.path("checkoutToken"), retry.path("checkoutToken"));
        assertEquals((String) first.path("checkedInAt"), retry.path("checkedInAt"));
        assertEquals(1, logTotal(site));
    }

    @Test
    void idempotencyKeyReusedWithAnotherBodyIsUnprocessable() {
        TestSite site = Api.createSite();
        String key = Api.unique("reuse");
        postCheckin(body(site), key).then().statusCode(201);

        Map<String, Object> other = body(site);
        visitor(other).put("fullName", "Người Khác");
        postCheckin(other, key)
                .then().statusCode(422)
                .contentType(startsWith(PROBLEM_JSON))
                .body("status", equalTo(422));

        assertEquals(1, logTotal(site));
    }

    @Test
    void checkinsWithoutIdempotencyKeyAreSeparateVisits() {
        TestSite site = Api.createSite();
        Map<String, Object> body = body(site);

        String first = postCheckin(body).then().statusCode(201).extract().path("visitId");
        String second = postCheckin(body).then().statusCode(201).extract().path("visitId");

        assertNotEquals(first, second);
        assertEquals(2, logTotal(site));
    }

    // --- phone normalisation --------------------------------------------------------------------------------

    @Test
    void phoneIsStoredInE164Form() {
        TestSite site = Api.createSite();
        String phone = Api.randomPhone();
        String spaced = phone.substring(0, 4) + " " + phone.substring(4, 7) + " " + phone.substring(7);

        assertEquals("+84" + phone.substring(1), storedPhone(site, spaced));
    }

    @Test
    void everySpellingOfOneNumberIsStoredAlike() {
        TestSite site = Api.createSite();
        String national = Api.randomPhone().substring(1);
        String e164 = "+84" + national;

        assertEquals(e164, storedPhone(site, "0" + national));
        assertEquals(e164, storedPhone(site, "+84 " + national.substring(0, 3) + " " + national.substring(3)));
        assertEquals(e164, storedPhone(site, "84" + national));
    }

    // --- the visitor's own visit ----------------------------------------------------------------------------

    @Test
    void visitorReadsTheOwnVisitWithTheToken() {
        TestSite site = Api.createSite();
        ExtractableResponse<Response> visit = Api.checkin(site, "Phạm Minh Châu", Api.randomPhone());

        given().queryParam("checkoutToken", (String) visit.path("checkoutToken"))
                .get(CHECKINS + "/" + visit.path("visitId"))
                .then().statusCode(200)
                .header("Cache-Control", containsString("no-store"))
                .body("id", equalTo(visit.path("visitId")))
                .body("siteId", equalTo(site.id()))
                .body("visitor.fullName", equalTo("Phạm Minh Châu"))
                .body("status", equalTo("ON_SITE"))
                .body("entrySource", equalTo("QR"))
                .body("checkedOutAt", nullValue());
    }

    @Test
    void readingAVisitWithAnotherVisitsTokenIsForbidden() {
        TestSite site = Api.createSite();
        ExtractableResponse<Response> mine = Api.checkin(site, "Đỗ Văn Dũng", Api.randomPhone());
        ExtractableResponse<Response> theirs = Api.checkin(site, "Vũ Thị Hạnh", Api.randomPhone());

        given().queryParam("checkoutToken", (String) theirs.path("checkoutToken"))
                .get(CHECKINS + "/" + mine.path("visitId"))
                .then().statusCode(403).contentType(startsWith(PROBLEM_JSON))
                .body("visitor", nullValue());
    }

    @Test
    void readingAVisitWithoutTokenIsUnauthorized() {
        TestSite site = Api.createSite();
        ExtractableResponse<Response> visit = Api.checkin(site, "Hoàng Văn Em", Api.randomPhone());

        given().get(CHECKINS + "/" + visit.path("visitId"))
                .then().statusCode(401).contentType(startsWith(PROBLEM_JSON))
                .body("visitor", nullValue());
    }

    // --- checkout -------------------------------------------------------------------------------------------

    @Test
    void visitorChecksOutWithTheToken() {
        TestSite site = Api.createSite();
        ExtractableResponse<Response> visit = Api.checkin(site, "Bùi Thị Giang", Api.randomPhone());

        String checkedOutAt = checkout(visit.path("visitId"), visit.path("checkoutToken"))
                .then().statusCode(200)
                .body("visitId", equalTo(visit.path("visitId")))
                .body("status", equalTo("CHECKED_OUT"))
                .body("checkoutSource", equalTo("VISITOR"))
                .body("checkedOutAt", notNullValue())
                .extract().path("checkedOutAt");

        assertTrue(!Instant.parse(checkedOutAt).isBefore(Instant.parse(visit.path("checkedInAt"))));
        assertEquals("CHECKED_OUT", ownVisit(visit).path("status"));
        assertEquals(checkedOutAt, ownVisit(visit).path("checkedOutAt"));
    }

    @Test
    void repeatedCheckoutReturnsTheFirstOne() {
        TestSite site = Api.createSite();
        ExtractableResponse<Response> visit = Api.checkin(site, "Ngô Văn Hải", Api.randomPhone());
        String first = checkout(visit.path("visitId"), visit.path("checkoutToken"))
                .then().statusCode(200).extract().path("checkedOutAt");

        checkout(visit.path("visitId"), visit.path("checkoutToken"))
                .then().statusCode(200)
                .body("status", equalTo("CHECKED_OUT"))
                .body("checkoutSource", equalTo("VISITOR"))
                .body("checkedOutAt", equalTo(first));
    }

    @Test
    void checkoutWithAWrongTokenIsForbiddenAndTheVisitStaysOpen() {
        TestSite site = Api.createSite();
        ExtractableResponse<Response> visit = Api.checkin(site, "Lý Thị Kim", Api.randomPhone());
        ExtractableResponse<Response> other = Api.checkin(site, "Mai Văn Long", Api.randomPhone());

        checkout(visit.path("visitId"), other.path("checkoutToken"))
                .then().statusCode(403).contentType(startsWith(PROBLEM_JSON));
        checkout(visit.path("visitId"), "not-the-token")
                .then().statusCode(403).contentType(startsWith(PROBLEM_JSON));

        assertEquals("ON_SITE", ownVisit(visit).path("status"));
    }

    @Test
    void checkoutOfAnUnknownVisitIsNotFound() {
        TestSite site = Api.createSite();
        ExtractableResponse<Response> visit = Api.checkin(site, "Trịnh Văn Minh", Api.randomPhone());

        checkout(UUID.randomUUID().toString(), visit.path("checkoutToken"))
                .then().statusCode(404).contentType(startsWith(PROBLEM_JSON)).body("status", equalTo(404));
    }

    @Test
    void checkoutWithoutTokenIsBadRequest() {
        TestSite site = Api.createSite();
        ExtractableResponse<Response> visit = Api.checkin(site, "Đinh Thị Ngọc", Api.randomPhone());

        given().contentType(ContentType.JSON).body(Map.of())
                .post(CHECKINS + "/" + visit.path("visitId") + "/checkout")
                .then().statusCode(400)
                .contentType(startsWith(PROBLEM_JSON))
                .body("violations.field", hasItem("checkoutToken"));

        assertEquals("ON_SITE", ownVisit(visit).path("status"));
    }

    // --- helpers --------------------------------------------------------------------------------------------

    private static Map<String, Object> body(TestSite site) {
        return body(site.checkinUrl());
    }

    private static Map<String, Object> body(String qr) {
        return Api.checkinBody(qr, "Nguyễn Văn An", Api.randomPhone());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> visitor(Map<String, Object> body) {
        return (Map<String, Object>) body.get("visitor");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> declaration(Map<String, Object> body) {
        return (Map<String, Object>) body.get("declaration");
    }

    private static Response postCheckin(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post(CHECKINS);
    }

    private static Response postCheckin(Map<String, Object> body, String idempotencyKey) {
        return given().contentType(ContentType.JSON).header("Idempotency-Key", idempotencyKey).body(body)
                .post(CHECKINS);
    }

    private static Response checkout(String visitId, String checkoutToken) {
        return given().contentType(ContentType.JSON).body(Map.of("checkoutToken", checkoutToken))
                .post(CHECKINS + "/" + visitId + "/checkout");
    }

    private static ExtractableResponse<Response> ownVisit(ExtractableResponse<Response> checkin) {
        return given().queryParam("checkoutToken", (String) checkin.path("checkoutToken"))
                .get(CHECKINS + "/" + checkin.path("visitId"))
                .then().statusCode(200).extract();
    }

    /** Checks in with this spelling of a phone number and reads back what the service stored. */
    private static String storedPhone(TestSite site, String phone) {
        return ownVisit(Api.checkin(site, "Nguyễn Thị Phương", phone)).path("visitor.phone");
    }

    /** How many visits the site's log holds today, as the administrator sees it. */
    private static int logTotal(TestSite site) {
        return given().auth().oauth2(Api.adminToken()).accept(ContentType.JSON)
                .get("/api/v1/sites/" + site.id() + "/visits")
                .then().statusCode(200).extract().path("total");
    }

    /** The genuine check-in URL with the first character of its signature changed. */
    private static String forged(String checkinUrl) {
        int at = checkinUrl.indexOf("&s=") + 3;
        char original = checkinUrl.charAt(at);
        return checkinUrl.substring(0, at) + (original == 'A' ? 'B' : 'A') + checkinUrl.substring(at + 1);
    }

    private static void assertMalformedJson(String body) {
        given().contentType(ContentType.JSON).body(body)
                .post(CHECKINS)
                .then().statusCode(400)
                .contentType(startsWith(PROBLEM_JSON))
                .body("status", equalTo(400))
                .body("violations", nullValue());
    }

    private static void assertThatLocationIs(String location, String path) {
        assertTrue(location != null && location.endsWith(path), "Location " + location + " ends with " + path);
    }

    private static Arguments declared(String description,
                                                                        Consumer<Map<String, Object>> declare,
                                                                        String... flags) {
        return Arguments.of(description, declare, List.of(flags));
    }

    private static Arguments invalid(String description,
                                                                       Consumer<Map<String, Object>> spoil,
                                                                       String field) {
        return Arguments.of(description, spoil, field);
    }
}
