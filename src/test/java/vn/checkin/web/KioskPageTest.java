package vn.checkin.web;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/**
 * The entrance kiosk screen: a static page under the same strict policy as the staff pages, that asks for a kiosk
 * token (never a staff login) and shows nobody's name.
 */
@QuarkusTest
class KioskPageTest {

    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\ssrc=)");
    private static final Pattern INLINE_STYLE = Pattern.compile("<style|\\sstyle=");
    private static final Pattern INLINE_HANDLER = Pattern.compile("\\son[a-z]+=");

    @Test
    void theKioskPageIsVietnameseHtmlUnderTheStrictPolicy() {
        String html = given().get("/reception/kiosk?site=anything").then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("img-src 'self' data:"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("X-Frame-Options", "DENY")
                .header("Cache-Control", "no-cache")
                .extract().asString();

        assertThat(html).contains("<html lang=\"vi\">").contains("/assets/staff.js").contains("/assets/kiosk.js")
                .contains("id=\"qr\"").contains("id=\"refresh\"")
                .contains("<label for=\"kiosk-token\">Mã thiết bị / Kiosk token</label>")
                .contains("Quét mã để khai báo và vào cơ quan").contains("Scan to declare and check in")
                .contains("Mất kết nối");
        assertThat(html).as("no login form, no staff name, no logout").doesNotContain("id=\"login")
                .doesNotContain("type=\"password\"").doesNotContain("username").doesNotContain("id=\"who\"")
                .doesNotContain("id=\"logout\"");
        assertThat(INLINE_SCRIPT.matcher(html).find()).as("no inline script").isFalse();
        assertThat(INLINE_STYLE.matcher(html).find()).as("no inline style").isFalse();
        assertThat(INLINE_HANDLER.matcher(html).find()).as("no inline event handler").isFalse();
        assertThat(html).as("nothing from another server").doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void theKioskScriptIsServedLocallyAndNeverWritesHtml() {
        String script = given().get("/assets/kiosk.js").then().statusCode(200)
                .contentType(containsString("javascript")).extract().asString();
        assertThat(script).doesNotContain("innerHTML").doesNotContain("outerHTML")
                .doesNotContain("insertAdjacentHTML").doesNotContain("document.write").doesNotContain("eval(");
    }

    @Test
    void theKioskScriptNeverLogsInAStaffMember() {
        String script = given().get("/assets/kiosk.js").then().statusCode(200).extract().asString();
        assertThat(script).contains("S.startScreen(").doesNotContain("S.start(").doesNotContain("/auth/token")
                .contains("localStorage");
    }

    @Test
    void theReceptionPageLeadsToEnrollingAScreenNotToOpeningOneOnTheStaffLogin() {
        String html = given().get("/reception").then().statusCode(200).extract().asString();
        assertThat(html).contains("id=\"kiosk-link\"").contains("aria-controls=\"kiosks\"")
                .contains("<section id=\"kiosks\"").contains("/assets/kiosks.js").contains("Thiết bị màn hình cửa")
                .doesNotContain("href=\"/reception/kiosk");
        assertThat(given().get("/admin").then().statusCode(200).extract().asString())
                .contains("<section id=\"kiosks\"").contains("/assets/kiosks.js");
    }

    @Test
    void onlyTheKioskPathExistsUnderReception() {
        given().get("/reception/kiosk/x").then().statusCode(404);
    }
}
