package vn.checkin.web;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import vn.checkin.support.Api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/** The page a QR code opens: served at the signed URL, Vietnamese first, accessible, no inline script. */
@QuarkusTest
class VisitorPageTest {

    @Test
    void theSignedUrlOfASiteOpensTheVietnameseCheckInPage() {
        Api.TestSite site = Api.createSite();
        String path = site.checkinUrl().substring(site.checkinUrl().indexOf("/c/"));

        String html = given().get(path).then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("X-Frame-Options", "DENY")
                .extract().asString();

        assertThat(html).contains("<html lang=\"vi\">").contains("Khai báo y tế").contains("/assets/visitor.js");
        assertThat(Pattern.compile("<script(?![^>]*\\ssrc=)").matcher(html).find())
                .as("no inline script").isFalse();
        assertThat(html).doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void everyFieldHasALabel() {
        String html = given().get("/c/any-site?v=1&s=x").then().statusCode(200).extract().asString();
        Matcher inputs = Pattern.compile("<(input|select) id=\"([a-zA-Z]+)\"").matcher(html);
        int fields = 0;
        while (inputs.find()) {
            fields++;
            assertThat(html).as("label for " + inputs.group(2)).contains("for=\"" + inputs.group(2) + "\"");
        }
        assertThat(fields).isGreaterThanOrEqualTo(10);
    }

    @Test
    void scriptAndStylesAreServedFromTheServiceItself() {
        String script = given().get("/assets/visitor.js").then().statusCode(200)
                .contentType(containsString("javascript")).extract().asString();
        assertThat(script).contains("/api/v1/checkins").contains("Idempotency-Key").doesNotContain("innerHTML");
        given().get("/assets/app.css").then().statusCode(200).contentType(containsString("text/css"));
    }

    /** The phone may be a shared one: details are remembered only when the visitor asks, and the ID is the CCCD. */
    @Test
    void detailsAreNotRememberedUnlessAskedAndTheIdIsTheCccd() {
        String html = given().get("/c/any-site?v=1&s=x").then().statusCode(200).extract().asString();
        assertThat(html).contains("<input type=\"checkbox\" id=\"remember\">").doesNotContain("id=\"remember\" checked")
                .contains("Số CCCD").doesNotContain("CMND/CCCD");
    }

    @Test
    void everyPageHasAnIcon() {
        byte[] icon = given().get("/favicon.ico").then().statusCode(200).extract().asByteArray();
        assertThat(icon).startsWith(0, 0, 1, 0);
    }
}
