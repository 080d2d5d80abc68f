package vn.checkin.browser;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import vn.checkin.support.Api;
import vn.checkin.support.Visits;

import javax.imageio.ImageIO;
import java.net.URL;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An administrator narrows the audit trail down to one receptionist, one action, one target and a period; a tracing
 * officer on a phone sees their own entries only. Screenshots of both widths in both languages go to
 * target/screenshots/; at phone width the page may not scroll sideways.
 */
@QuarkusTest
@Tag("browser")
class AuditPageBrowserTest {

    /** Sets a date field to this computer's today plus some days (typing into date fields depends on the locale). */
    private static final String SET_DAY = "const d = new Date(); d.setDate(d.getDate() + arguments[1]);"
            + "const pad = (n) => String(n).padStart(2, '0');"
            + "arguments[0].value = d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate());";

    @TestHTTPResource("/")
    URL root;

    @Test
    void anAdministratorNarrowsTheTrailByActorActionTargetAndPeriod() throws Exception {
        Api.TestSite site = Api.createSite();
        Api.TestSite other = Api.createSite();
        Api.Staff desk = Api.reception(site.id(), other.id());
        String today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).toString();
        readLog(desk, site, "date=" + today);
        readLog(desk, other, "date=" + today + "&flagged=true");
        Api.Staff tracer = Api.tracer();
        String casePhone = Api.randomPhone();
        Visits.visit(site, casePhone).from("2025-10-01T02:00:00Z").to("2025-10-01T03:00:00Z");
        String queryId = Api.traceDay(tracer, casePhone, "2025-10-01", "Ca bệnh BN-" + Api.unique("ref")).getString("id");
        given().auth().oauth2(tracer.token()).get("/api/v1/tracing/queries/" + queryId + "/export?format=csv")
                .then().statusCode(200);

        try (Browser browser = Browser.desktop(root)) {
            browser.go("/audit");
            browser.login("admin", Api.ADMIN_PASSWORD);
            browser.visible(By.cssSelector("#rows tr"));
            shoot(browser, "audit-admin-vi");

            browser.type("actor", desk.username());
            filter(browser);
            assertThat(column(browser, 2)).containsOnly(desk.username()).hasSize(2);
            assertThat(column(browser, 3)).containsOnly("Xem sổ khách");
            assertThat(browser.byId("count").getText()).isEqualTo("2 hoạt động");

            browser.type("target", other.id());
            filter(browser);
            assertThat(rows(browser)).hasSize(1);
            assertThat(rows(browser).get(0).getText()).contains(other.name()).contains("flagged=true");

            browser.byId("clear").click();
            browser.waitUntil(d -> rows(browser).size() > 2);
            browser.type("actor", tracer.username());
            new Select(browser.byId("action")).selectByValue("TRACING_EXPORT");
            filter(browser);
            assertThat(rows(browser)).hasSize(1);
            assertThat(column(browser, 3)).containsExactly("Xuất danh sách truy vết");

            new Select(browser.byId("action")).selectByValue("");
            filter(browser);
            assertThat(rows(browser)).hasSize(2);
            rows(browser).get(0).findElement(By.cssSelector("button.plain")).click();
            browser.waitUntil(d -> queryId.equals(browser.byId("target").getAttribute("value")));
            assertThat(browser.driver.getCurrentUrl()).contains("target=" + queryId);

            browser.driver.executeScript(SET_DAY, browser.byId("from"), 1);
            filter(browser);
            browser.visible(By.id("empty"));
            assertThat(rows(browser)).isEmpty();
            browser.driver.executeScript(SET_DAY, browser.byId("to"), 0);
            browser.byId("apply").click();
            assertThat(browser.visible(By.id("message")).getText()).contains("Ngày bắt đầu");
            browser.driver.executeScript(SET_DAY, browser.byId("from"), -1);
            filter(browser);
            assertThat(rows(browser)).hasSize(2);

            browser.byId("lang").click();
            browser.waitUntil(ExpectedConditions.textToBe(By.cssSelector(".bar h1"), "Audit trail"));
            assertThat(column(browser, 3)).containsExactlyInAnyOrder("Contact list exported", "Tracing query run");
            browser.byId("clear").click();
            browser.waitUntil(d -> rows(browser).size() > 2);
            shoot(browser, "audit-admin-en");
        }
    }

    @Test
    void aTracingOfficerOnAPhoneSeesOnlyTheirOwnEntries() throws Exception {
        Api.Staff tracer = Api.tracer();
        Api.Staff colleague = Api.tracer();
        Api.traceDay(tracer, Api.randomPhone(), "2025-10-02", "Ca bệnh BN-" + Api.unique("ref"));
        Api.traceDay(colleague, Api.randomPhone(), "2025-10-02", "Ca bệnh BN-" + Api.unique("ref"));

        try (Browser browser = Browser.phone(root)) {
            browser.go("/audit?actor=" + colleague.username());
            browser.login(tracer.username(), Api.STAFF_PASSWORD);
            browser.visible(By.cssSelector("#rows tr"));

            assertThat(browser.byId("actor-field").isDisplayed()).isFalse();
            assertThat(browser.byId("own-only").isDisplayed()).isTrue();
            assertThat(browser.byId("to-admin").isDisplayed()).isFalse();
            assertThat(column(browser, 2)).containsExactly(tracer.username());
            shoot(browser, "audit-tracer-vi");
            browser.byId("lang").click();
            browser.waitUntil(ExpectedConditions.textToBe(By.cssSelector(".bar h1"), "Audit trail"));
            shoot(browser, "audit-tracer-en");
        }
    }

    /**
     * Saves the page at phone (390x844) and desktop (1366x900) width as target/screenshots/NAME-WxH.png; at phone
     * width nothing may reach past the right edge.
     */
    private static void shoot(Browser browser, String name) throws Exception {
        for (int[] size : new int[][] {{390, 844}, {1366, 900}}) {
            browser.resize(size[0], size[1]);
            Path file = browser.screenshot(name + "-" + size[0] + "x" + size[1]);
            assertThat(ImageIO.read(file.toFile()).getWidth()).as(file.toString()).isEqualTo(size[0]);
            Object tooWide = browser.driver.executeScript("const w = document.documentElement.clientWidth;"
                    + "return Array.from(document.querySelectorAll('body *'))"
                    + ".filter(e => e.getBoundingClientRect().right > w + 1).slice(0, 5)"
                    + ".map(e => e.tagName + '#' + e.id + '.' + e.className).join(', ');");
            assertThat((String) tooWide).as(name + " at " + size[0] + " px: reaching past the edge").isEmpty();
        }
    }

    private static void readLog(Api.Staff desk, Api.TestSite site, String query) {
        given().auth().oauth2(desk.token()).get("/api/v1/sites/" + site.id() + "/visits?" + query)
                .then().statusCode(200);
    }

    /** Applies the filters and waits for the table that answers them. */
    private static void filter(Browser browser) {
        String before = browser.byId("rows").getAttribute("data-loaded");
        browser.byId("apply").click();
        browser.waitUntil(d -> {
            String now = browser.byId("rows").getAttribute("data-loaded");
            return now != null && !now.equals(before);
        });
    }

    private static List<WebElement> rows(Browser browser) {
        return browser.driver.findElements(By.cssSelector("#rows tr"));
    }

    /** The texts of one column (1-based), each cell without its phone-width label. */
    private static List<String> column(Browser browser, int index) {
        return rows(browser).stream()
                .map(r -> r.findElement(By.cssSelector("td:nth-child(" + index + ")")).getText().strip()).toList();
    }
}
