package vn.checkin.auth;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.checkin.support.Api.Staff;
import vn.checkin.support.Api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.checkin.support.Http.anonymous;
import static vn.checkin.support.Http.as;
import static vn.checkin.support.Http.asAdmin;
import static vn.checkin.support.Http.expectProblem;

/** Staff accounts: only administrators manage them. */
@QuarkusTest
class UserResourceTest {

    private static final String USERS = "/api/v1/users";

    @Test
    void createAnswers201WithLocationAndTheAccount() {
        String siteId = Api.createSite().id();
        Map<String, Object> body = userBody(List.of("RECEPTION"), List.of(siteId));

        ExtractableResponse<Response> created = asAdmin().body(body).post(USERS)
                .then().statusCode(201)
                .body("id", notNullValue())
                .body("username", equalTo(body.get("username")))
                .body("displayName", equalTo(body.get("displayName")))
                .body("roles", contains("RECEPTION"))
                .body("siteIds", contains(siteId))
                .body("active", equalTo(true))
                .body("createdAt", notNullValue())
                .body("$", not(hasKey("password")))
                .body("$", not(hasKey("passwordHash")))
                .extract();

        String location = created.header("Location");
        String id = created.path("id");
        assertTrue(location.endsWith(USERS + "/" + id), "Location: " + location);
        asAdmin().get(location).then().statusCode(200)
                .body("id", equalTo(id))
                .body("username", equalTo(body.get("username")));
    }

    @Test
    void createdAccountCanLogInWithItsRoles() {
        Map<String, Object> body = userBody(List.of("TRACER"), List.of());
        asAdmin().body(body).post(USERS).then().statusCode(201);

        given().contentType(ContentType.JSON)
                .body(Map.of("username", body.get("username"), "password", body.get("password")))
                .post("/api/v1/auth/token")
                .then().statusCode(200)
                .body("roles", contains("TRACER"));
    }

    @Test
    void duplicateUsernameIs409() {
        Map<String, Object> body = userBody(List.of("TRACER"), List.of());
        asAdmin().body(body).post(USERS).then().statusCode(201);

        expectProblem(asAdmin().body(body).post(USERS), 409);
    }

    static Stream<Arguments> invalidAccounts() {
        return Stream.of(
                invalid("username with capitals and spaces", b -> b.put("username", "Nguyen Van A"), "username"),
                invalid("username too short", b -> b.put("username", "ab"), "username"),
                invalid("username missing", b -> b.remove("username"), "username"),
                invalid("password too short", b -> b.put("password", "short"), "password"),
                invalid("password missing", b -> b.remove("password"), "password"),
                invalid("unknown role", b -> b.put("roles", List.of("JANITOR")), "roles"),
                invalid("no role", b -> b.put("roles", List.of()), "roles"),
                invalid("reception without sites", b -> b.put("siteIds", List.of()), "siteIds"),
                invalid("unknown site", b -> b.put("siteIds", List.of(UUID.randomUUID().toString())), "siteIds"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidAccounts")
    void invalidAccountIs400NamingTheFieldAndIsNotCreated(String description, Consumer<Map<String, Object>> change,
                                                           String field) {
        Map<String, Object> body = userBody(List.of("RECEPTION"), List.of(Api.createSite().id()));
        change.accept(body);

        expectProblem(asAdmin().body(body).post(USERS), 400)
                .body("violations.field", hasItem(field));

        if (body.get("username") != null) {
            assertFalse(allUsernames().contains((String) body.get("username")), "must not be stored");
        }
    }

    @Test
    void listContainsTheCreatedAccountAndNoPasswordHash() {
        Staff staff = Api.tracer();

        List<Map<String, Object>> users = allUsers();

        assertTrue(users.stream().anyMatch(u -> staff.id().equals(u.get("id"))
                && staff.username().equals(u.get("username"))), "created account listed");
        for (Map<String, Object> user : users) {
            assertFalse(user.keySet().stream().anyMatch(key -> key.toLowerCase().contains("password")),
                    "password field in " + user.keySet());
            assertFalse(user.values().stream().anyMatch(v -> String.valueOf(v).matches("\\$2[aby]?\\$.*")),
                    "bcrypt hash among the values of " + user.get("username"));
        }
    }

    @Test
    void patchChangesTheDisplayNameOnly() {
        Staff staff = Api.tracer();
        String newName = "Trần Thị " + Api.unique("Bình");

        asAdmin().body(Map.of("displayName", newName)).patch(USERS + "/{id}", staff.id())
                .then().statusCode(200)
                .body("displayName", equalTo(newName))
                .body("roles", contains("TRACER"))
                .body("active", equalTo(true));

        asAdmin().get(USERS + "/{id}", staff.id()).then().statusCode(200)
                .body("displayName", equalTo(newName))
                .body("username", equalTo(staff.username()));
    }

    @Test
    void deactivatedAccountCannotLogIn() {
        Staff staff = Api.tracer();

        asAdmin().body(Map.of("active", false)).patch(USERS + "/{id}", staff.id())
                .then().statusCode(200)
                .body("active", equalTo(false));

        expectProblem(given().contentType(ContentType.JSON)
                .body(Map.of("username", staff.username(), "password", Api.STAFF_PASSWORD))
                .post("/api/v1/auth/token"), 401)
                .body("$", not(hasKey("accessToken")));
    }

    @Test
    void everyUserEndpointIs401WithoutToken() {
        String id = Api.tracer().id();
        Map<String, Object> body = userBody(List.of("TRACER"), List.of());

        expectProblem(anonymous().body(body).post(USERS), 401);
        expectProblem(anonymous().get(USERS), 401);
        expectProblem(anonymous().get(USERS + "/{id}", id), 401);
        expectProblem(anonymous().body(Map.of("displayName", "x")).patch(USERS + "/{id}", id), 401);
        assertFalse(allUsernames().contains((String) body.get("username")), "must not be stored");
    }

    @Test
    void everyUserEndpointIs403ForReception() {
        assertForbiddenEverywhere(Api.reception(Api.createSite().id()).token());
    }

    @Test
    void everyUserEndpointIs403ForTracer() {
        assertForbiddenEverywhere(Api.tracer().token());
    }

    @Test
    void unknownIdIs404() {
        String unknown = UUID.randomUUID().toString();

        expectProblem(asAdmin().get(USERS + "/{id}", unknown), 404);
        expectProblem(asAdmin().body(Map.of("displayName", "x")).patch(USERS + "/{id}", unknown), 404);
    }

    // --- Helpers -----------------------------------------------------------------------------------

    private static void assertForbiddenEverywhere(String token) {
        Staff target = Api.tracer();
        String originalName = asAdmin().get(USERS + "/{id}", target.id()).then().extract().path("displayName");
        Map<String, Object> body = userBody(List.of("ADMIN"), List.of());

        expectProblem(as(token).body(body).post(USERS), 403);
        expectProblem(as(token).get(USERS), 403);
        expectProblem(as(token).get(USERS + "/{id}", target.id()), 403);
        expectProblem(as(token).body(Map.of("displayName", "changed")).patch(USERS + "/{id}", target.id()), 403);

        assertFalse(allUsernames().contains((String) body.get("username")), "must not be stored");
        asAdmin().get(USERS + "/{id}", target.id()).then().body("displayName", equalTo(originalName));
    }

    private static Arguments invalid(String description, Consumer<Map<String, Object>> change, String field) {
        return Arguments.of(description, change, field);
    }

    private static Map<String, Object> userBody(List<String> roles, List<String> siteIds) {
        String username = Api.unique("user");
        Map<String, Object> body = new HashMap<>();
        body.put("username", username);
        body.put("password", Api.STAFF_PASSWORD);
        body.put("displayName", "Lê Văn " + username);
        body.put("roles", roles);
        body.put("siteIds", siteIds);
        return body;
    }

    /** Every account, page by page: the list is sorted by username, so a new one can be on any page. */
    private static List<Map<String, Object>> allUsers() {
        List<Map<String, Object>> users = new ArrayList<>();
        for (int page = 0; ; page++) {
            List<Map<String, Object>> items = asAdmin().queryParam("page", page).queryParam("size", 200)
                    .get(USERS).then().statusCode(200).extract().path("items");
            if (items.isEmpty()) {
                return users;
            }
            users.addAll(items);
        }
    }

    private static List<String> allUsernames() {
        return allUsers().stream().map(u -> (String) u.get("username")).toList();
    }
}
