package vn.checkin.support;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;

/**
 * Fixture builders for API tests: every test makes its own sites, users and visits with unique names, so
 * tests do not depend on each other or on what is already in the database.
 */
public final class Api {

    /** The bootstrap admin's password in the test profile ({@code %test.checkin.auth.admin-password}). */
    public static final String ADMIN_PASSWORD = "admin-test-password";
    public static final String STAFF_PASSWORD = "staff-password-123";

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static String adminToken;

    private Api() {
    }

    public static synchronized String adminToken() {
        if (adminToken == null) {
            adminToken = login("admin", ADMIN_PASSWORD);
        }
        return adminToken;
    }

    public static String login(String username, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .post("/api/v1/auth/token")
                .then().statusCode(200)
                .extract().path("accessToken");
    }

    /** A name no other test (or earlier run against the same database) uses. */
    public static String unique(String prefix) {
        return prefix + "-" + COUNTER.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public record TestSite(String id, String code, String name, String checkinUrl, int qrVersion) {
    }

    public static TestSite createSite() {
        return createSite(Map.of());
    }

    public static TestSite createSite(Map<String, Object> overrides) {
        Map<String, Object> body = new HashMap<>();
        body.put("code", unique("site"));
        body.put("name", "Ủy ban nhân dân " + COUNTER.incrementAndGet());
        body.put("address", "47 Lê Duẩn, Quận 1");
        body.put("organization", "UBND TP.HCM");
        body.putAll(overrides);
        ExtractableResponse<Response> created = given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body(body).post("/api/v1/sites")
                .then().statusCode(201).extract();
        return new TestSite(created.path("id"), created.path("code"), created.path("name"),
                created.path("checkinUrl"), created.path("qrVersion"));
    }

    public record Staff(String id, String username, String token) {
    }

    /** A staff account with these roles (and sites, for RECEPTION), logged in. */
    public static Staff createStaff(List<String> roles, List<String> siteIds) {
        String username = unique("staff");
        Map<String, Object> body = new HashMap<>();
        body.put("username", username);
        body.put("password", STAFF_PASSWORD);
        body.put("displayName", "Nhân viên " + username);
        body.put("roles", roles);
        body.put("siteIds", siteIds);
        String id = given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body(body).post("/api/v1/users")
                .then().statusCode(201).extract().path("id");
        return new Staff(id, username, login(username, STAFF_PASSWORD));
    }

    /** Enrols a kiosk device for the site with this staff token: {id, name, siteId, kioskToken, createdAt}. */
    public static io.restassured.path.json.JsonPath enrolKiosk(String siteId, String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("name", unique("Cổng")))
                .post("/api/v1/sites/{id}/kiosks", siteId).then().statusCode(201).extract().jsonPath();
    }

    public static Staff reception(String... siteIds) {
        return createStaff(List.of("RECEPTION"), List.of(siteIds));
    }

    public static Staff tracer() {
        return createStaff(List.of("TRACER"), List.of());
    }

    /** A complete check-in body with a healthy declaration. */
    public static Map<String, Object> checkinBody(String qr, String fullName, String phone) {
        Map<String, Object> visitor = new LinkedHashMap<>();
        visitor.put("fullName", fullName);
        visitor.put("phone", phone);
        visitor.put("idNumber", null);
        visitor.put("yearOfBirth", 1985);
        visitor.put("organization", "Công ty TNHH Ánh Dương");
        Map<String, Object> declaration = new LinkedHashMap<>();
        declaration.put("temperatureC", 36.6);
        declaration.put("symptoms", new ArrayList<>());
        declaration.put("closeContactWithCase", false);
        declaration.put("visitedOutbreakArea", false);
        declaration.put("vaccineDoses", 2);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("qr", qr);
        body.put("visitor", visitor);
        body.put("purpose", "Nộp hồ sơ");
        body.put("hostName", "Phòng Tiếp dân");
        body.put("declaration", declaration);
        body.put("consent", true);
        return body;
    }

    /** Checks a visitor in through the public endpoint and returns the 201 body. */
    public static ExtractableResponse<Response> checkin(TestSite site, String fullName, String phone) {
        return given().contentType(ContentType.JSON)
                .body(checkinBody(site.checkinUrl(), fullName, phone))
                .post("/api/v1/checkins")
                .then().statusCode(201).extract();
    }

    /** A depth-1 tracing query for one UTC day (15 minutes minimum, no buffer), run by {@code tracer}. */
    public static JsonPath traceDay(Staff tracer, String casePhone, String day, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("case", Map.of("phone", casePhone));
        body.put("from", day + "T00:00:00Z");
        body.put("to", LocalDate.parse(day).plusDays(1) + "T00:00:00Z");
        body.put("minOverlapMinutes", 15);
        body.put("bufferMinutes", 0);
        body.put("depth", 1);
        body.put("reason", reason);
        return given().auth().oauth2(tracer.token()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/tracing/queries")
                .then().statusCode(201).extract().jsonPath();
    }

    /** A random Vietnamese mobile number, 0 + 9 digits, so tests never share a person by accident. */
    public static String randomPhone() {
        return "09" + String.format("%08d", (long) (Math.random() * 100_000_000L));
    }
}
