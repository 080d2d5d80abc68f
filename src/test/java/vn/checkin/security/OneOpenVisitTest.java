package vn.checkin.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import vn.checkin.support.Api;
import vn.checkin.support.Http;
import vn.checkin.support.Visits;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * One open visit per person and site: checking in again closes the earlier visit at the new one's arrival
 * (checkoutSource AUTO) and opens a new visit with a new token; the earlier token is not handed out again.
 */
@QuarkusTest
class OneOpenVisitTest {

    @Test
    void checkingInAgainWithAnotherSpellingOfThePhoneClosesTheFirstVisit() {
        Api.TestSite site = Api.createSite();
        String digits = Api.randomPhone().substring(1);
        ExtractableResponse<Response> first = Api.checkin(site, "Ngô Văn Hai Lần", "0" + digits);
        ExtractableResponse<Response> second = Api.checkin(site, "Ngô Văn Hai Lần", "+84 " + digits);

        assertThat((String) second.path("visitId")).isNotEqualTo(first.path("visitId"));
        assertThat((String) second.path("checkoutToken")).isNotEqualTo(first.path("checkoutToken"));
        Http.anonymous().get("/api/v1/checkins/{id}?checkoutToken={t}", first.path("visitId"), first.path("checkoutToken"))
                .then().statusCode(200)
                .body("status", equalTo("CHECKED_OUT"))
                .body("checkoutSource", equalTo("AUTO"))
                .body("checkedOutAt", equalTo(second.path("checkedInAt")));
        assertThat(onSite(site)).isEqualTo(1);
    }

    @Test
    void theSameIdNumberWithAnotherPhoneIsTheSamePerson() {
        Api.TestSite site = Api.createSite();
        String idNumber = Visits.randomIdNumber();
        String first = checkinWithId(site, Api.randomPhone(), idNumber).path("visitId");
        checkinWithId(site, Api.randomPhone(), idNumber);

        Http.asAdmin().get("/api/v1/visits/{id}", first).then().statusCode(200)
                .body("status", equalTo("CHECKED_OUT")).body("checkoutSource", equalTo("AUTO"));
        assertThat(onSite(site)).isEqualTo(1);
    }

    @Test
    void aPhoneAndAnIdNumberOfTwoEarlierVisitsCloseBoth() {
        Api.TestSite site = Api.createSite();
        String phone = Api.randomPhone();
        String idNumber = Visits.randomIdNumber();
        String byPhone = Api.checkin(site, "Đinh Văn Hai Giấy", phone).path("visitId");
        String byId = checkinWithId(site, Api.randomPhone(), idNumber).path("visitId");
        String both = checkinWithId(site, phone, idNumber).path("visitId");

        for (String earlier : new String[] {byPhone, byId}) {
            Http.asAdmin().get("/api/v1/visits/{id}", earlier).then().statusCode(200)
                    .body("status", equalTo("CHECKED_OUT")).body("checkoutSource", equalTo("AUTO"));
        }
        Http.asAdmin().get("/api/v1/visits/{id}", both).then().statusCode(200).body("status", equalTo("ON_SITE"));
        assertThat(onSite(site)).isEqualTo(1);
    }

    @Test
    void visitsAtOtherSitesAndOfOtherPeopleStayOpen() {
        Api.TestSite site = Api.createSite();
        Api.TestSite other = Api.createSite();
        String phone = Api.randomPhone();
        Api.checkin(site, "Lý Thị Hai Nơi", phone);
        Api.checkin(other, "Lý Thị Hai Nơi", phone);
        Api.checkin(site, "Người khác", Api.randomPhone());

        assertThat(onSite(site)).isEqualTo(2);
        assertThat(onSite(other)).isEqualTo(1);
    }

    @Test
    void aStaffEntryOfSomeoneAlreadyOnSiteClosesTheirEarlierVisit() {
        Api.TestSite site = Api.createSite();
        String phone = Api.randomPhone();
        String first = Api.checkin(site, "Hồ Văn Quầy", phone).path("visitId");
        Map<String, Object> body = new LinkedHashMap<>(Api.checkinBody(null, "Hồ Văn Quầy", phone));
        body.remove("qr");
        Http.asAdmin().body(body).post("/api/v1/sites/{id}/visits", site.id()).then().statusCode(201);

        Http.asAdmin().get("/api/v1/visits/{id}", first).then().statusCode(200).body("checkoutSource", equalTo("AUTO"));
        assertThat(onSite(site)).isEqualTo(1);
    }

    @Test
    void aVisitAlreadyClosedIsLeftAsItWas() {
        Api.TestSite site = Api.createSite();
        String phone = Api.randomPhone();
        ExtractableResponse<Response> first = Api.checkin(site, "Mai Văn Về", phone);
        String checkedOutAt = Http.anonymous().body(Map.of("checkoutToken", first.path("checkoutToken")))
                .post("/api/v1/checkins/{id}/checkout", first.path("visitId").toString())
                .then().statusCode(200).extract().path("checkedOutAt");
        Api.checkin(site, "Mai Văn Về", phone);

        Http.asAdmin().get("/api/v1/visits/{id}", first.path("visitId").toString()).then().statusCode(200)
                .body("checkoutSource", equalTo("VISITOR")).body("checkedOutAt", equalTo(checkedOutAt));
        assertThat(Instant.parse(checkedOutAt)).isBeforeOrEqualTo(Instant.now());
    }

    private static ExtractableResponse<Response> checkinWithId(Api.TestSite site, String phone, String idNumber) {
        Map<String, Object> body = Api.checkinBody(site.checkinUrl(), "Tạ Văn Căn Cước", phone);
        @SuppressWarnings("unchecked")
        Map<String, Object> visitor = (Map<String, Object>) body.get("visitor");
        visitor.put("idNumber", idNumber);
        return Http.anonymous().body(body).post("/api/v1/checkins").then().statusCode(201).extract();
    }

    private static int onSite(Api.TestSite site) {
        return Http.asAdmin().get("/api/v1/sites/{id}/occupancy", site.id()).then().statusCode(200)
                .extract().path("onSite");
    }
}
