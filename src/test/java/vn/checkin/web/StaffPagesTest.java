package vn.checkin.web;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/** The reception, tracing, admin and audit pages: served to anyone (the API checks the login), Vietnamese, strict CSP. */
@QuarkusTest
class StaffPagesTest {

    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\ssrc=)");
    private static final Pattern INLINE_STYLE = Pattern.compile("<style|\\sstyle=");
    private static final Pattern FIELD = Pattern.compile("<(input|select|textarea)\\s[^>]*id=\"([a-zA-Z-]+)\"");

    @ParameterizedTest
    @ValueSource(strings = {"/reception", "/tracing", "/admin", "/audit"})
    void eachPageIsVietnameseHtmlUnderTheStrictPolicy(String path) {
        String html = given().get(path).then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("X-Frame-Options", "DENY")
                .extract().asString();

        assertThat(html).contains("<html lang=\"vi\">").contains("/assets/staff.js")
                .contains("/assets" + path + ".js").contains("id=\"login-username\"");
        assertThat(INLINE_SCRIPT.matcher(html).find()).as("no inline script").isFalse();
        assertThat(INLINE_STYLE.matcher(html).find()).as("no inline style").isFalse();
        assertThat(html).as("nothing from another server").doesNotContain("http://").doesNotContain("https://");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/reception", "/tracing", "/admin", "/audit"})
    void everyFieldHasALabel(String path) {
        String html = given().get(path).then().statusCode(200).extract().asString();
        Matcher fields = FIELD.matcher(html);
        int count = 0;
        while (fields.find()) {
            count++;
            assertThat(html).as("label for " + fields.group(2) + " on " + path)
                    .contains("<label for=\"" + fields.group(2) + "\"");
        }
        assertThat(count).as("fields on " + path).isGreaterThanOrEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staff", "reception", "tracing", "admin", "kiosks", "audit"})
    void scriptsAreServedLocallyAndNeverWriteHtml(String name) {
        String script = given().get("/assets/" + name + ".js").then().statusCode(200)
                .contentType(containsString("javascript")).extract().asString();
        assertThat(script).doesNotContain("innerHTML").doesNotContain("outerHTML")
                .doesNotContain("insertAdjacentHTML").doesNotContain("document.write").doesNotContain("eval(");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/reception/x", "/admin/anything", "/tracing.html", "/audit/x"})
    void onlyTheNamedPagesExist(String path) {
        given().get(path).then().statusCode(404);
    }
}
