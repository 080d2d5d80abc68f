package vn.checkin.visit;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vn.checkin.support.Api;
import vn.checkin.support.Api.Staff;
import vn.checkin.support.Api.TestSite;
import vn.checkin.support.Visits;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reception desk: the day's log (JSON and CSV), staff entry and checkout, occupancy, and who may use them. */
@QuarkusTest
class ReceptionResourceTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    // --- the day's log --------------------------------------------------------------------------------------

    @Test
    void receptionSeesTodaysVisitsOfItsSite() {
        TestSite site = Api.createSite();
        Staff desk = Api.reception(site.id());
        String phone = Api.randomPhone();
        String visitId = Api.checkin(site, "Nguyễn Văn An", phone).path("visitId");

        as(desk).accept(ContentType.JSON).get(log(site))
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("page", equalTo(0))
                .body("size", equalTo(50))
                .body("items", hasSize(1))
                .body("items[0].id", equalTo(visitId))
                .body("items[0].siteId", equalTo(site.id()))
                .body("items[0].visitor.fullName", equalTo("Nguyễn Văn An"))
                .body("items[0].visitor.phone", equalTo("+84" + phone.substring(1)))
                .body("items[0].purpose", equalTo("Nộp hồ sơ"))
                .body("items[0].hostName", equalTo("Phòng Tiếp dân"))
                .body("items[0].declaration.temperatureC", equalTo(36.6f))
                .body("items[0].riskFlags", empty())
                .body("items[0].checkedInAt", notNullValue())
                .body("items[0].checkedOutAt", nullValue())
                .body("items[0].status", equalTo("ON_SITE"))
                .body("items[0].entrySource", equalTo("QR"));
    }

    @Test
    void logFiltersByStatus() {
        TestSite site = Api.createSite();
        Staff desk = Api.reception(site.id());
        String staying = Api.checkin(site, "Trần Thị Bình", Api.randomPhone()).path("visitId");
        String leaving = Api.checkin(site, "Lê Văn Cường", Api.randomPhone()).path("visitId");
        staffCheckout(desk, leaving).then().statusCode(200);

        assertEquals(List.of(staying), logIds(desk, site, Map.of("status", "ON_SITE")));
        assertEquals(List.of(leaving), logIds(desk, site, Map.of("status", "CHECKED_OUT")));
        assertEquals(Set.of(staying, leaving), Set.copyOf(logIds(desk, site, Map.of())));
    }

    @Test
    void logFiltersFlaggedVisits() {
        TestSite site = Api.createSite();
        Staff desk = Api.reception(site.id());
        Api.checkin(site, "Phạm Minh Châu", Api.randomPhone());
        String feverish = feverishCheckin(site, "Đỗ Văn Dũng").path("visitId");

        assertEquals(List.of(feverish), logIds(desk, site, Map.of("flagged", "true")));
    }

    @Test
    void logSearchesByPartOfTheName() {
        TestSite site = Api.createSite();
        Staff desk = Api.reception(site.id());
        String hoa = Api.checkin(site, "Lê Thị Hoa", Api.randomPhone()).path("visitId");
        Api.checkin(site, "Vũ Văn Nam", Api.randomPhone());

        assertEquals(List.of(hoa), logIds(desk, site, Map.of("q", "thị hoa")));
        assertEquals(List.of(hoa), logIds(desk, site, Map.of("q", "HOA")));
    }

    @Test
    void logSearchesByPhoneDigits() {
        TestSite site = Api.createSite();
        Staff desk = Api.reception(site.id());
        String phone = Api.randomPhone();
        String wanted = Api.checkin(site, "Hoàng Văn Em", phone).path("visitId");
        Api.checkin(site, "Bùi Thị Giang", Api.randomPhone());

        assertEquals(List.of(wanted), logIds(desk, site, Map.of("q", phone)));
        assertEquals(List.of(wanted), logIds(desk, site, Map.of("q", "+84 " + phone.substring(1))));
    }

    @Test
    void logIsPaged() {
        TestSite site = Api.createSite();
        Staff desk = Api.reception(site.id());
        String first = Api.checkin(site, "Ngô Văn Hải", Api.randomPhone()).path("visitId");
        String second = Api.checkin(site, "Lý Thị Kim", Api.randomPhone()).path("visitId");

        String onPage0 = onlyItemOfPage(desk, site, 0);
        String onPage1 = onlyItemOfPage(desk, site, 1);

        assertNotEquals(onPage0, onPage1);
        assertEquals(Set.of(first, second), Set.of(onPage0, onPage1));
    }

    @Test
    void logOfAnotherDayHoldsNoneOfTodaysVisits() {
        TestSite site = Api.createSite();
        Staff desk = Api.reception(site.id());
        Api.checkin(site, "Mai Văn Long", Api.randomPhone());

        as(desk).accept(ContentType.JSON).queryParam("date", "2020-01-01").get(log(site))
                .then().statusCode(200)
                .body("total", equalTo(0))
                .body("items", empty());
    }

    @Test
    void logRejectsAMalformedDate() {
        TestSite site = Api.createSite();

        as(Api.reception(site.id())).accept(ContentType.JSON).queryParam("date", "2024-13-45").get(log(site))
                .then().statusCode(400)
                .contentType(startsWith(PROBLEM_JSON))
                .body("violations.field", hasItem("date"));
    }

    @Test
    void logRejectsAPageSizeAboveTheLimit() {
        TestSite site = Api.createSite();

        as(Api.reception(site.id())).accept(ContentType.JSON).queryParam("size", 500).get(log(site))
                .then().statusCode(400)
                .contentType(startsWith(PROBLEM_JSON))
                .body("violations.field", hasItem("size"));
    }

    // --- the day's log as CSV -------------------------------------------------------------------------------

    @Test
    void logAsCsvStartsWithABomAndAHeaderAndHoldsTheVisitors() {
        TestSite site = Api.createSite();
        String visitId = Api.checkin(site, "Nguyễn Thị Ánh Dương", Api.randomPhone()).path("visitId");

        byte[] csv = as(Api.reception(site.id())).accept("text/csv").get(log(site))
                .then().statusCode(200)
                .contentType(startsWith("text/csv"))
                .extract().asByteArray();

        assertArrayEquals(UTF8_BOM, Arrays.copyOf(csv, 3), "UTF-8 byte order mark, so Excel reads Vietnamese");
        String[] lines = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8).split("\r\n");
        assertTrue(lines[0].startsWith("visitId,fullName,phone,"), "header row: " + lines[0]);
        assertEquals(2, lines.length, "header and one visit");
        assertTrue(lines[1].startsWith(visitId + ",Nguyễn Thị Ánh Dương,"), "visit row: " + lines[1]);
    }

    @Test
    void logAsCsvHoldsEveryVisitOfABusyDayOnceNewestFirst() {
        TestSite site = Api.createSite();
        Instant first = Instant.now().minusSeconds(3_600);
        List<String> stored = new ArrayList<>();
        for (int i = 0; i < 2 * ReceptionService.CSV_CHUNK + 30; i++) {
            stored.add(Visits.visit(site, Api.randomPhone()).from(first.plusSeconds(i).toString()).stillOnSite().id());
        }

        String csv = new String(as(Api.reception(site.id())).accept("text/csv").get(log(site))
                .then().statusCode(200).extract().asByteArray(), StandardCharsets.UTF_8);

        List<String> ids = csv.lines().skip(1).map(line -> line.substring(0, line.indexOf(','))).toList();
        List<String> newestFirst = new ArrayList<>(stored);
        Collections.reverse(newestFirst);
        assertEquals(newestFirst, ids, "every visit once, across chunks, newest first");
    }

    @Test
    void logAsCsvNeutralisesFormulas() {
        TestSite site = Api.createSite();
        String visitId = Api.checkin(site, "=HYPERLINK(\"x\")", Api.randomPhone()).path("visitId");

        String csv = new String(as(Api.reception(site.id())).accept("text/csv").get(log(site))
                .then().statusCode(200).extract().asByteArray(), StandardCharsets.UTF_8);

        // The cell is quoted (it holds quotes) and its value starts with an apostrophe: text, not a formula.
        assertTrue(csv.contains(visitId + ",\"'=HYPERLINK(\"\"x\"\")\","), csv);
        assertFalse(csv.contains(",=HYPERLINK"), csv);
        assertFalse(csv.contains(",\"=HYPERLINK"), csv);
    }

    // --- visitors entered by staff --------------------------------------------------------------------------

    @Test
    void staffEnterAVisitor() {
        TestSite site = Api.createSite();
        Staff desk = Api.reception(site.id());
        String phone = Api.randomPhone();

        ExtractableResponse<Response> entered = enter(desk, site, staffBody("Đinh Thị Ngọc", phone, null))
                .then().statusCode(201)
                .body("id", notNullValue())
                .body("siteId", equalTo(site.id()))
                .body("visitor.fullName", equalTo("Đinh Thị Ngọc"))
                .body("visitor.phone", equalTo("+84" + phone.substring(1)))
                .body("status", equalTo("ON_SITE"))
                .body("entrySource", equalTo("STAFF"))
                .extract();

        String location = entered.header("Location");
        assertTrue(location != null && location.endsWith("/api/v1/visits/" + entered.path("id")), location);
        as(desk).get(location).then().statusCode(200).body("entrySource", equalTo("STAFF"));
        assertEquals(List.of((String) entered.path("id")), logIds(desk, site, Map.of()));
    }

    @Test
    void staffEnterAVisitorWithoutPhoneByIdNumber() {
        TestSite site = Api.createSite();
        Staff desk = Api.reception(site.id());

        enter(desk, site, staffBody("Trịnh Văn Minh", null, "079085001234"))
                .then().statusCode(201)
                .body("visitor.phone", nullValue())
                .body("visitor.idNumber", equalTo("079085001234"))
                .body("entrySource", equalTo("STAFF"));
    }

    @Test
    void staffEntryNeedsAPhoneOrAnIdNumber() {
        TestSite site = Api.createSite();
        Staff desk = Api.reception(site.id());

        enter(desk, site, staffBody("Không Giấy Tờ", null, null))
                .then().statusCode(400)
                .contentType(startsWith(PROBLEM_JSON))
                .body("violations.field", hasItem("visitor.phone"));

        assertEquals(List.of(), logIds(desk, site, Map.of()));
    }

    // --- staff checkout and reading one visit ---------------------------------------------------------------

    @Test
    void staffCheckAVisitorOut() {
        TestSite site = Api.createSite();
        Staff desk = Api.reception(site.id());
        String visitId = Api.checkin(site, "Phan Văn Quang", Api.randomPhone()).path("visitId");

        String checkedOutAt = staffCheckout(desk, visitId)
                .then().statusCode(200)
                .body("visitId", equalTo(visitId))
                .body("status", equalTo("CHECKED_OUT"))
                .body("checkoutSource", equalTo("STAFF"))
                .body("checkedOutAt", notNullValue())
                .extract().path("checkedOutAt");

        staffCheckout(desk, visitId)
                .then().statusCode(200)
                .body("checkoutSource", equalTo("STAFF"))
                .body("checkedOutAt", equalTo(checkedOutAt));
        as(desk).get("/api/v1/visits/" + visitId)
                .then().statusCode(200)
                .body("status", equalTo("CHECKED_OUT"))
                .body("checkoutSource", equalTo("STAFF"))
                .body("checkedOutAt", equalTo(checkedOutAt));
    }

    @Test
    void visitorCheckoutAfterStaffCheckoutReturnsTheFirstCheckout() {
        TestSite site = Api.createSite();
        Staff desk = Api.reception(site.id());
        ExtractableResponse<Response> visit = Api.checkin(site, "Tạ Thị Rạng", Api.randomPhone());
        String checkedOutAt = staffCheckout(desk, visit.path("visitId")).then().statusCode(200)
                .extract().path("checkedOutAt");

        given().contentType(ContentType.JSON).body(Map.of("checkoutToken", visit.path("checkoutToken")))
                .post("/api/v1/checkins/" + visit.path("visitId") + "/checkout")
                .then().statusCode(200)
                .body("checkedOutAt", equalTo(checkedOutAt))
                .body("checkoutSource", equalTo("STAFF"));
    }

    @Test
    void staffCheckoutOfAnUnknownVisitIsNotFound() {
        TestSite site = Api.createSite();

        staffCheckout(Api.reception(site.id()), UUID.randomUUID().toString())
                .then().statusCode(404).contentType(startsWith(PROBLEM_JSON));
    }

    @Test
    void receptionReadsAVisitOfItsSite() {
        TestSite site = Api.createSite();
        String visitId = Api.checkin(site, "Cao Văn Sơn", Api.randomPhone()).path("visitId");

        as(Api.reception(site.id())).get("/api/v1/visits/" + visitId)
                .then().statusCode(200)
                .header("Cache-Control", containsString("no-store"))
                .body("id", equalTo(visitId))
                .body("siteId", equalTo(site.id()))
                .body("visitor.fullName", equalTo("Cao Văn Sơn"))
                .body("status", equalTo("ON_SITE"));
    }

    @Test
    void readingAnUnknownVisitIsNotFound() {
        TestSite site = Api.createSite();

        as(Api.reception(site.id())).get("/api/v1/visits/" + UUID.randomUUID())
                .then().statusCode(404).contentType(startsWith(PROBLEM_JSON));
    }

    // --- occupancy ------------------------------------------------------------------------------------------

    @Test
    void occupancyCountsWhoIsOnSiteAndTodaysCheckins() {
        TestSite site = Api.createSite();
        Staff desk = Api.reception(site.id());
        assertOccupancy(desk, site, 0, 0, 0);

        String leaving = Api.checkin(site, "Lâm Văn Tài", Api.randomPhone()).path("visitId");
        feverishCheckin(site, "Quách Thị Uyên");
        Api.checkin(site, "Tôn Văn Vinh", Api.randomPhone());
        assertOccupancy(desk, site, 3, 3, 1);

        staffCheckout(desk, leaving).then().statusCode(200);
        assertOccupancy(desk, site, 2, 3, 1);
    }

    // --- who may use the reception endpoints ----------------------------------------------------------------

    /** Every reception endpoint, called on a site that has one open visit. */
    enum Endpoint {
        LOG((request, at) -> request.accept(ContentType.JSON).get(log(at.site()))),
        LOG_CSV((request, at) -> request.accept("text/csv").get(log(at.site()))),
        OCCUPANCY((request, at) -> request.get("/api/v1/sites/" + at.site().id() + "/occupancy")),
        STAFF_ENTRY((request, at) -> request.contentType(ContentType.JSON)
                .body(staffBody("Người Lạ", Api.randomPhone(), null)).post(log(at.site()))),
        STAFF_CHECKOUT((request, at) -> request.post("/api/v1/visits/" + at.visitId() + "/checkout")),
        READ_VISIT((request, at) -> request.get("/api/v1/visits/" + at.visitId()));

        private final BiFunction<RequestSpecification, OpenVisit, Response> call;

        Endpoint(BiFunction<RequestSpecification, OpenVisit, Response> call) {
            this.call = call;
        }

        Response call(RequestSpecification request, OpenVisit at) {
            return call.apply(request, at);
        }
    }

    record OpenVisit(TestSite site, String visitId) {
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void receptionOfAnotherSiteIsForbidden(Endpoint endpoint) {
        OpenVisit at = openVisit();
        Staff otherDesk = Api.reception(Api.createSite().id());

        assertForbiddenAndNothingChanged(endpoint.call(as(otherDesk), at), at);
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void tracerIsForbidden(Endpoint endpoint) {
        OpenVisit at = openVisit();

        assertForbiddenAndNothingChanged(endpoint.call(as(Api.tracer()), at), at);
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void anonymousCallerIsUnauthorized(Endpoint endpoint) {
        OpenVisit at = openVisit();

        endpoint.call(given(), at)
                .then().statusCode(401)
                .contentType(startsWith(PROBLEM_JSON))
                .body("status", equalTo(401));
        assertUnchanged(at);
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void administratorMayUseEveryReceptionEndpoint(Endpoint endpoint) {
        OpenVisit at = openVisit();

        int status = endpoint.call(given().auth().oauth2(Api.adminToken()), at).then().extract().statusCode();

        assertTrue(status == 200 || status == 201, endpoint + " answered " + status);
    }

    // --- helpers --------------------------------------------------------------------------------------------

    private static RequestSpecification as(Staff staff) {
        return given().auth().oauth2(staff.token());
    }

    private static String log(TestSite site) {
        return "/api/v1/sites/" + site.id() + "/visits";
    }

    private static List<String> logIds(Staff desk, TestSite site, Map<String, ?> filter) {
        return as(desk).accept(ContentType.JSON).queryParams(filter).get(log(site))
                .then().statusCode(200).extract().path("items.id");
    }

    private static String onlyItemOfPage(Staff desk, TestSite site, int page) {
        List<String> ids = as(desk).accept(ContentType.JSON).queryParam("size", 1).queryParam("page", page)
                .get(log(site))
                .then().statusCode(200)
                .body("total", equalTo(2))
                .body("page", equalTo(page))
                .body("size", equalTo(1))
                .extract().path("items.id");
        assertEquals(1, ids.size(), "page " + page + ": " + ids);
        return ids.get(0);
    }

    private static ExtractableResponse<Response> feverishCheckin(TestSite site, String fullName) {
        Map<String, Object> body = Api.checkinBody(site.checkinUrl(), fullName, Api.randomPhone());
        @SuppressWarnings("unchecked")
        Map<String, Object> declaration = (Map<String, Object>) body.get("declaration");
        declaration.put("temperatureC", 38.2);
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/checkins")
                .then().statusCode(201).body("riskFlags", equalTo(List.of("FEVER"))).extract();
    }

    private static Map<String, Object> staffBody(String fullName, String phone, String idNumber) {
        Map<String, Object> body = new HashMap<>(Api.checkinBody(null, fullName, phone));
        body.remove("qr");
        @SuppressWarnings("unchecked")
        Map<String, Object> visitor = (Map<String, Object>) body.get("visitor");
        visitor.put("idNumber", idNumber);
        return body;
    }

    private static Response enter(Staff desk, TestSite site, Map<String, Object> body) {
        return as(desk).contentType(ContentType.JSON).body(body).post(log(site));
    }

    private static Response staffCheckout(Staff desk, String visitId) {
        return as(desk).post("/api/v1/visits/" + visitId + "/checkout");
    }

    private static void assertOccupancy(Staff desk, TestSite site, int onSite, int checkedInToday, int flaggedToday) {
        as(desk).get("/api/v1/sites/" + site.id() + "/occupancy")
                .then().statusCode(200)
                .body("onSite", equalTo(onSite))
                .body("checkedInToday", equalTo(checkedInToday))
                .body("flaggedToday", equalTo(flaggedToday));
    }

    private static OpenVisit openVisit() {
        TestSite site = Api.createSite();
        return new OpenVisit(site, Api.checkin(site, "Khách Mời", Api.randomPhone()).path("visitId"));
    }

    private static void assertForbiddenAndNothingChanged(Response response, OpenVisit at) {
        response.then().statusCode(403)
                .contentType(startsWith(PROBLEM_JSON))
                .body("status", equalTo(403));
        assertUnchanged(at);
    }

    /** The site still has exactly its one visit, still open: a refused call changed nothing. */
    private static void assertUnchanged(OpenVisit at) {
        given().auth().oauth2(Api.adminToken()).accept(ContentType.JSON).get(log(at.site()))
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].id", equalTo(at.visitId()))
                .body("items[0].status", equalTo("ON_SITE"));
    }
}
