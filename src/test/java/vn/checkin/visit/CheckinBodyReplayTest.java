package vn.checkin.visit;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import vn.checkin.support.Api;
import vn.checkin.support.FuzzedCheckins;
import vn.checkin.support.Http;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CheckinBodyFuzzTest}'s inputs, built into bodies the same way, sent to the running service: never a
 * 5xx, a refusal is problem+json and stores no visit (of the site or any other), a 201 stores exactly one.
 * <p>
 * A {@code @FuzzTest} in regression mode only: it runs on the empty input (a valid check-in) and on the files
 * of {@code CheckinBodyReplayTestInputs/refusesOrStoresOneVisit/}, which the build copies from
 * {@code src/test/resources/vn/checkin/visit/CheckinBodyFuzzTestInputs/storableOrRefused/} (see the pom), and,
 * with {@code -Dfuzz.corpus=DIR}, from a fuzzing run's corpus too. Never fuzz this class (JAZZER_FUZZ=1):
 * under {@code @QuarkusTest} Jazzer cannot start fuzzing, see {@link CheckinBodyFuzzTest}.
 */
@QuarkusTest
class CheckinBodyReplayTest {

    private static Api.TestSite site;

    @FuzzTest
    void refusesOrStoresOneVisit(FuzzedDataProvider data) {
        byte[] body = FuzzedCheckins.body(data, site(), Api.randomPhone());
        Stored before = stored();

        Response response = given().contentType(ContentType.JSON).body(body).post("/api/v1/checkins");

        String sent = FuzzedCheckins.describe(body);
        int status = response.statusCode();
        assertThat(status).as("status for %s", sent).isLessThan(500);
        if (status == 201) {
            assertThat(stored().minus(before)).as("visits stored for %s", sent).isEqualTo(new Stored(1, 1));
        } else {
            assertThat(status).as("status for %s", sent).isBetween(400, 499);
            assertThat(response.contentType()).as("refusal of %s", sent).startsWith(Http.PROBLEM_JSON);
            assertThat(stored().minus(before)).as("visits stored for %s", sent).isEqualTo(new Stored(0, 0));
        }
    }

    /** Visits of the test's site, and of all sites (a refused body must not land anywhere). */
    record Stored(long ofSite, long all) {
        Stored minus(Stored earlier) {
            return new Stored(ofSite - earlier.ofSite, all - earlier.all);
        }
    }

    /** Counted in a transaction of its own: what is committed. */
    private static Stored stored() {
        VisitRepository visits = Arc.container().instance(VisitRepository.class).get();
        UUID siteId = UUID.fromString(site().id());
        return QuarkusTransaction.requiringNew().call(() -> new Stored(visits.count("siteId", siteId), visits.count()));
    }

    private static synchronized Api.TestSite site() {
        if (site == null) {
            site = Api.createSite();
        }
        return site;
    }
}
