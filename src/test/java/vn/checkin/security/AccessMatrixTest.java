package vn.checkin.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static vn.checkin.security.AccessRules.Role;
import static vn.checkin.security.AccessRules.Rule;

/**
 * Every operation of the OpenAPI document, called by every role, against the table in {@link AccessRules}.
 * An operation without a rule fails the test (a new endpoint cannot be left out), and so does a rule whose
 * operation is gone. Path parameters are real ids made here: site A, a visit at site A, a stored tracing query.
 * Every /api answer, whatever its status, must also say {@code Cache-Control: no-store}.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTest {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    private AccessFixture fixture;

    /** Made on first use: RestAssured knows the test port only once a test runs. */
    private AccessFixture fixture() {
        if (fixture == null) {
            fixture = AccessFixture.create();
        }
        return fixture;
    }

    @Test
    void everyOperationHasARuleAndEveryRuleAnOperation() {
        Set<String> documented = documentedOperations();
        Set<String> ruled = new TreeSet<>(AccessRules.all().keySet());

        Set<String> withoutRule = new TreeSet<>(documented);
        withoutRule.removeAll(ruled);
        Set<String> withoutOperation = new TreeSet<>(ruled);
        withoutOperation.removeAll(documented);

        assertThat(withoutRule).as("operations in /q/openapi with no access rule").isEmpty();
        assertThat(withoutOperation).as("access rules for operations no longer in /q/openapi").isEmpty();
        assertThat(documented).hasSizeGreaterThan(25);
    }

    @Test
    void everyRoleGetsTheExpectedStatusFromEveryOperation() {
        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (String operation : documentedOperations()) {
            Rule rule = AccessRules.all().get(operation);
            if (rule == null) {
                continue; // reported by the test above
            }
            for (Role role : Role.values()) {
                Response response = call(operation, rule, role);
                calls++;
                int expected = rule.expected(role);
                if (response.statusCode() != expected) {
                    wrong.add(operation + " as " + role + ": expected " + expected + ", got "
                            + response.statusCode());
                } else if (expected >= 400 && !response.contentType().startsWith("application/problem+json")) {
                    wrong.add(operation + " as " + role + ": " + expected + " without problem+json");
                }
                String cacheControl = response.header("Cache-Control");
                if (operation.contains(" /api/") && (cacheControl == null || !cacheControl.contains("no-store"))) {
                    wrong.add(operation + " as " + role + ": Cache-Control " + response.header("Cache-Control"));
                }
            }
        }
        assertThat(wrong).as("answers that differ from the access table (" + calls + " calls)").isEmpty();
        assertThat(calls).isGreaterThan(150);
    }

    private Response call(String operation, Rule rule, Role role) {
        String method = operation.substring(0, operation.indexOf(' '));
        AccessFixture fixture = fixture();
        String path = fixture.fill(operation.substring(operation.indexOf(' ') + 1));
        RequestSpecification request = given().redirects().follow(false);
        String token = rule.token(fixture, role);
        if (token != null) {
            request.auth().oauth2(token);
        }
        request.accept(rule.accept());
        rule.query(fixture, role).forEach(request::queryParam);
        Object body = rule.body(fixture, role);
        if (body != null) {
            request.contentType("application/json").body(body);
        } else if (!"GET".equals(method)) {
            request.contentType("application/json");
        }
        return request.request(method, path);
    }

    /** "METHOD /path" of every operation in the OpenAPI document. */
    private static Set<String> documentedOperations() {
        JsonPath openapi = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Map<String, Object>> paths = openapi.getMap("paths");
        Set<String> operations = new TreeSet<>();
        paths.forEach((path, item) -> item.keySet().stream().filter(METHODS::contains)
                .forEach(method -> operations.add(method.toUpperCase() + " " + path)));
        return operations;
    }
}
