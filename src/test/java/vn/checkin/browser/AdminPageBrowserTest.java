package vn.checkin.browser;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import vn.checkin.support.Api;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.checkin.support.Http.asAdmin;

/** An administrator sets up a site, its entrance screen and its receptionist from the admin page. */
@QuarkusTest
@Tag("browser")
class AdminPageBrowserTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void anAdminCreatesASiteShowsItsQrAndDownloadsThePoster() throws Exception {
        String code = Api.unique("chi-nhanh");
        String name = "Chi nhánh Đà Nẵng " + code;

        try (Browser browser = Browser.desktop(root)) {
            browser.go("/admin");
            browser.login("admin", Api.ADMIN_PASSWORD);
            browser.type("s-code", code);
            browser.type("s-name", name);
            browser.type("s-address", "12 Bạch Đằng, Hải Châu");
            browser.byId("s-submit").click();

            WebElement row = browser.visible(By.cssSelector("tr[data-site-code='" + code + "']"));
            assertThat(row.getText()).contains(name);
            JsonPath stored = asAdmin().get("/api/v1/sites?q=" + code).then().statusCode(200).extract().jsonPath();
            assertThat(stored.getList("items.code")).containsExactly(code);
            assertThat(stored.getString("items[0].name")).isEqualTo(name);

            row.findElement(By.cssSelector("button.show-qr")).click();
            browser.waitUntil(d -> (Boolean) browser.driver.executeScript(
                    "const i = document.getElementById('qr-image'); return i.complete && i.naturalWidth > 0;"));
            assertThat(browser.byId("qr-url").getText()).contains("/c/" + code + "?v=1");

            row.findElement(By.cssSelector("button.poster")).click();
            byte[] pdf = Files.readAllBytes(browser.awaitDownload(".pdf"));
            assertThat(new String(Arrays.copyOf(pdf, 5), StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
            assertThat(pdf.length).isGreaterThan(1000);

            row.findElement(By.cssSelector("button.screens")).click();
            assertThat(browser.visible(By.id("kiosks-title")).getText()).contains("Thiết bị màn hình cửa").contains(name);
            browser.type("kiosk-name", "Sảnh chính");
            browser.byId("kiosk-enrol").click();
            String link = browser.visible(By.id("kiosk-enrolled-link")).getDomProperty("value");
            String siteId = stored.getString("items[0].id");
            assertThat(link).startsWith(root + "reception/kiosk?site=" + siteId + "#kiosk=");
            browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("kiosk-rows"), "Sảnh chính"));
            assertThat(asAdmin().get("/api/v1/sites/{id}/kiosks", siteId).then().statusCode(200).extract()
                    .jsonPath().getList("items.createdBy")).containsExactly("admin");
        }
    }

    @Test
    void anAdminCreatesAReceptionistForASiteAndDeactivatesTheAccount() {
        Api.TestSite site = Api.createSite();
        String username = Api.unique("le-tan");

        try (Browser browser = Browser.desktop(root)) {
            browser.go("/admin");
            browser.login("admin", Api.ADMIN_PASSWORD);
            browser.visible(By.cssSelector("#u-sites option[value='" + site.id() + "']"));
            browser.type("u-username", username);
            browser.type("u-displayName", "Nguyễn Thị Lễ Tân");
            browser.type("u-password", "mat-khau-du-dai-1");
            browser.driver.findElement(By.cssSelector("input[name='u-roles'][value='RECEPTION']")).click();
            new Select(browser.byId("u-sites")).selectByValue(site.id());
            browser.byId("u-submit").click();

            WebElement row = browser.visible(By.cssSelector("tr[data-username='" + username + "']"));
            assertThat(row.getText()).contains(site.name());
            String id = user(username).getString("id");
            assertThat(user(username).getList("siteIds")).containsExactly(site.id());
            assertThat(user(username).getList("roles")).containsExactly("RECEPTION");

            row.findElement(By.cssSelector("button.deactivate")).click();
            browser.waitUntil(ExpectedConditions.alertIsPresent()).accept();
            browser.waitUntil(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("tr.inactive[data-username='" + username + "']")));
            asAdmin().get("/api/v1/users/" + id).then().statusCode(200)
                    .body("active", org.hamcrest.Matchers.equalTo(false));
        }
    }

    private static JsonPath user(String username) {
        JsonPath all = asAdmin().get("/api/v1/users?size=200").then().statusCode(200).extract().jsonPath();
        return new JsonPath(all.prettify()).setRootPath("items.find { it.username == '" + username + "' }");
    }
}
