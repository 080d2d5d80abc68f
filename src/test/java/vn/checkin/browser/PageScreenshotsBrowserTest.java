package vn.checkin.browser;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import vn.checkin.support.Api;
import vn.checkin.support.Visits;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.net.URL;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four pages, the reception page's entrance screens and the entrance screen itself (showing its code, and
 * asking for its token) at phone width (390x844) and desktop width (1366x900), with some data, saved under
 * target/screenshots/ for a person to look at. At phone width no page may scroll sideways.
 */
@QuarkusTest
@Tag("browser")
class PageScreenshotsBrowserTest {

    private static final int[][] SIZES = {{390, 844}, {1366, 900}};
    /** The innermost elements that reach past the right edge, to say what to fix. */
    private static final String TOO_WIDE = "const w = document.documentElement.clientWidth;"
            + "return Array.from(document.querySelectorAll('body *'))"
            + ".filter(e => e.getBoundingClientRect().right > w + 1 && e.children.length === 0)"
            + ".slice(0, 5).map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + "
            + "Math.round(e.getBoundingClientRect().right)).join(', ');";

    @TestHTTPResource("/")
    URL root;

    @Test
    void theFourPagesAtPhoneAndDesktopWidth() throws Exception {
        Api.TestSite site = Api.createSite();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        String casePhone = Api.randomPhone();
        Visits.visit(site, casePhone).named("Nguyễn Văn An").from(now.minus(3, ChronoUnit.HOURS).toString())
                .to(now.minus(1, ChronoUnit.HOURS).toString());
        Visits.visit(site, Api.randomPhone()).named("Trần Thị Bình").withFever()
                .from(now.minus(2, ChronoUnit.HOURS).toString()).stillOnSite();
        Api.checkin(site, "Lê Hoàng Cường", Api.randomPhone());

        try (Browser browser = Browser.phone(root)) {
            String path = site.checkinUrl().substring(site.checkinUrl().indexOf("/c/"));
            browser.go(path);
            browser.visible(By.id("form"));
            shoot(browser, "visitor");

            browser.go("/reception");
            browser.login("admin", Api.ADMIN_PASSWORD);
            browser.visible(By.cssSelector("#site option"));
            new Select(browser.byId("site")).selectByValue(site.id());
            browser.visible(By.cssSelector("#rows tr.risky"));
            shoot(browser, "reception");
            browser.byId("kiosk-link").click();
            browser.type("kiosk-name", "Cổng chính – tầng trệt");
            browser.byId("kiosk-enrol").click();
            browser.visible(By.id("kiosk-enrolled-link"));
            browser.visible(By.cssSelector("#kiosk-rows tr"));
            shoot(browser, "reception-screens");
            String kiosk = browser.byId("kiosk-enrolled-token").getDomProperty("value");
            browser.byId("kiosk-done").click();
            browser.byId("kiosks-close").click();

            browser.go("/tracing");
            browser.visible(By.id("app"));
            browser.type("caseValue", casePhone);
            browser.type("reason", "Ca bệnh BN-1024");
            browser.byId("run").click();
            browser.visible(By.cssSelector("#contact-rows tr[data-level='F1']"));
            shoot(browser, "tracing");

            browser.go("/admin");
            browser.visible(By.cssSelector("#site-rows tr"));
            shoot(browser, "admin");

            browser.go("/reception/kiosk?site=" + site.id() + "#kiosk=" + kiosk);
            browser.visible(By.id("qr"));
            shoot(browser, "kiosk");
            browser.driver.executeScript("localStorage.clear();");
            browser.go("/reception/kiosk?site=" + site.id());
            browser.visible(By.id("kiosk-token"));
            browser.go("/reception/kiosk?site=" + site.id() + "#kiosk=not-a-token");
            browser.visible(By.id("message"));
            shoot(browser, "kiosk-token");
        }
    }

    private static void shoot(Browser browser, String page) throws Exception {
        for (int[] size : SIZES) {
            browser.resize(size[0], size[1]);
            String name = page + "-" + size[0] + "x" + size[1];
            Path file = browser.screenshot(name);
            BufferedImage image = ImageIO.read(file.toFile());
            assertThat(image).as(name + " is a PNG").isNotNull();
            assertThat(image.getWidth()).as(name + " width").isEqualTo(size[0]);
            Long overflow = (Long) browser.driver.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(overflow).as(name + " scrolls sideways; too wide: " + browser.driver.executeScript(TOO_WIDE))
                    .isZero();
        }
    }
}
