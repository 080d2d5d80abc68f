package vn.checkin.web;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import vn.checkin.audit.AuditAction;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit page offers every action the service records, each with a Vietnamese and an English label: an action
 * added to {@link AuditAction} without them would show as its code, and could not be chosen in the filter.
 */
@QuarkusTest
class AuditPageTest {

    @Test
    void everyAuditActionCanBeChosenAndHasALabelInBothLanguages() {
        String script = given().get("/assets/audit.js").then().statusCode(200).extract().asString();
        String actions = script.substring(script.indexOf("const ACTIONS"), script.indexOf("];", script.indexOf("const ACTIONS")));
        String vietnamese = script.substring(script.indexOf("vi: {"), script.indexOf("en: {"));
        String english = script.substring(script.indexOf("en: {"));

        for (AuditAction action : AuditAction.values()) {
            assertThat(actions).as("the filter offers " + action).contains("'" + action.name() + "'");
            assertThat(vietnamese).as("Vietnamese label of " + action).contains(action.name() + ": '");
            assertThat(english).as("English label of " + action).contains(action.name() + ": '");
        }
    }

    @Test
    void theAdminAndTracingPagesLinkToIt() {
        for (String page : new String[] {"/admin", "/tracing"}) {
            assertThat(given().get(page).then().statusCode(200).extract().asString()).as(page)
                    .contains("href=\"/audit\"");
        }
    }
}
