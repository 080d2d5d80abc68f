package vn.checkin.security;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import vn.checkin.support.Api;
import vn.checkin.support.Http;

import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** Bodies over the 64 KB limit answer 413 as problem+json and store nothing; a body just under it is read. */
@QuarkusTest
class BodyLimitTest {

    private static final int LIMIT = 64 * 1024;

    @Test
    void checkinOverTheLimitIs413ProblemAndNothingStored() {
        Api.TestSite site = Api.createSite();
        Map<String, Object> body = Api.checkinBody(site.checkinUrl(), "Trần Thị Lớn", Api.randomPhone());
        body.put("purpose", "x".repeat(LIMIT));

        Http.expectProblem(Http.anonymous().body(body).post("/api/v1/checkins"), 413)
                .header("Cache-Control", equalTo("no-store"))
                .body("type", equalTo("/problems/payload-too-large"))
                .body("instance", equalTo("/api/v1/checkins"));

        Http.asAdmin().get("/api/v1/sites/{id}/visits", site.id()).then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void everyApiPathAnswersTheSameWayAsAnAdmin() {
        String big = "{\"code\":\"" + "a".repeat(LIMIT + 1) + "\"}";
        Http.expectProblem(Http.asAdmin().body(big).post("/api/v1/sites"), 413)
                .body("title", startsWith("Payload"));
        Http.expectProblem(Http.anonymous().body(big).post("/api/v1/auth/token"), 413);
    }

    @Test
    void aBodyUnderTheLimitReachesValidation() {
        Api.TestSite site = Api.createSite();
        Map<String, Object> body = Api.checkinBody(site.checkinUrl(), "Trần Thị Vừa", Api.randomPhone());
        body.put("purpose", "x".repeat(LIMIT - 2048));

        // Read and validated: purpose allows 500 characters.
        Http.expectProblem(Http.anonymous().body(body).post("/api/v1/checkins"), 400)
                .body("violations[0].field", equalTo("purpose"));
    }
}
