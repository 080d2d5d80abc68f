package vn.checkin.browser;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import vn.checkin.support.Api;
import vn.checkin.support.Visits;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A tracing officer asks for the contacts of a case, reads why each is listed, and downloads the list. */
@QuarkusTest
@Tag("browser")
class TracingPageBrowserTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void anOfficerTracesTwoLevelsAndDownloadsTheCsv() throws Exception {
        Api.TestSite site = Api.createSite();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        String casePhone = Api.randomPhone();
        String f1 = Api.unique("Phạm Thị Gần");
        String f2 = Api.unique("Võ Văn Xa");
        Visits.visit(site, casePhone).from(at(now, -240)).to(at(now, -180));
        Visits.TestVisit f1Visit = Visits.visit(site, Api.randomPhone()).named(f1).from(at(now, -210)).to(at(now, -120));
        Visits.visit(site, Api.randomPhone()).named(f2).from(at(now, -140)).to(at(now, -60));
        Api.Staff officer = Api.tracer();

        try (Browser browser = Browser.desktop(root)) {
            traceTwoLevels(browser, officer, casePhone);

            WebElement f1Row = browser.visible(By.cssSelector("#contact-rows tr[data-level='F1']"));
            assertThat(f1Row.getAttribute("data-visit-id")).isEqualTo(f1Visit.id());
            assertThat(f1Row.getText()).contains(f1).contains(site.name()).contains("30 phút");
            WebElement f2Row = browser.driver.findElement(By.cssSelector("#contact-rows tr[data-level='F2']"));
            assertThat(f2Row.getText()).contains(f2).contains("20 phút").contains(f1);
            List<String> order = browser.driver.findElements(By.cssSelector("#contact-rows tr")).stream()
                    .map(r -> r.getAttribute("data-level") == null ? "group" : r.getAttribute("data-level")).toList();
            assertThat(order).containsExactly("group", "F1", "group", "F2");

            browser.driver.findElement(By.cssSelector("button.export[data-format='csv']")).click();
            Path csv = browser.awaitDownload(".csv");
            byte[] bytes = Files.readAllBytes(csv);
            assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
            String text = new String(bytes, StandardCharsets.UTF_8);
            assertThat(text).contains(f1).contains(f2).contains(site.name());
        }
    }

    /** An F2 met through the F1 person's later visit elsewhere is explained by that person's name, not a visit id. */
    @Test
    void anF2MetAtAnotherSiteIsExplainedByTheF1PersonsName() throws Exception {
        Api.TestSite office = Api.createSite();
        Api.TestSite branch = Api.createSite();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        String casePhone = Api.randomPhone();
        String f1Phone = Api.randomPhone();
        String f1 = Api.unique("Lý Thị Nối");
        String f2 = Api.unique("Hồ Văn Xa");
        Visits.visit(office, casePhone).from(at(now, -300)).to(at(now, -240));
        Visits.visit(office, f1Phone).named(f1).from(at(now, -290)).to(at(now, -250));
        Visits.TestVisit atBranch = Visits.visit(branch, f1Phone).named(f1).from(at(now, -200)).to(at(now, -150));
        Visits.visit(branch, Api.randomPhone()).named(f2).from(at(now, -190)).to(at(now, -160));
        Api.Staff officer = Api.tracer();

        try (Browser browser = Browser.desktop(root)) {
            traceTwoLevels(browser, officer, casePhone);

            WebElement f2Row = browser.visible(By.cssSelector("#contact-rows tr[data-level='F2']"));
            assertThat(f2Row.getText()).contains(f2).contains(f1 + " (" + branch.name() + ")")
                    .doesNotContain(atBranch.id());
        }
    }

    /** Logs the officer in on the tracing page and traces the phone two levels deep. */
    private static void traceTwoLevels(Browser browser, Api.Staff officer, String casePhone) {
        browser.go("/tracing");
        browser.login(officer.username(), Api.STAFF_PASSWORD);
        new Select(browser.byId("caseKind")).selectByValue("phone");
        browser.type("caseValue", casePhone);
        browser.driver.findElement(By.cssSelector("input[name='depth'][value='2']")).click();
        browser.type("reason", "Ca bệnh BN-" + Api.unique("ref"));
        browser.byId("run").click();
    }

    private static String at(Instant now, int minutes) {
        return now.plus(minutes, ChronoUnit.MINUTES).toString();
    }
}
