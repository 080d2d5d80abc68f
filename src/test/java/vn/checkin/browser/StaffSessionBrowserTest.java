package vn.checkin.browser;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import vn.checkin.support.Api;
import vn.checkin.support.Http;

import java.net.URL;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;

/**
 * Staff pages end the login on the service when someone logs out (a copied token is refused from then on), and
 * say that a login was ended, not that it ran out, when an account change ends it.
 */
@QuarkusTest
@Tag("browser")
class StaffSessionBrowserTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void loggingOutEndsTheTokenOnTheService() {
        Api.TestSite site = Api.createSite();
        Api.Staff receptionist = Api.reception(site.id());

        try (Browser browser = Browser.phone(root)) {
            browser.go("/reception");
            browser.login(receptionist.username(), Api.STAFF_PASSWORD);
            browser.visible(By.cssSelector("#site option"));
            String token = (String) browser.driver.executeScript(
                    "return JSON.parse(sessionStorage.getItem('checkin.staff')).token;");
            Http.as(token).get("/api/v1/sites/{id}/occupancy", site.id()).then().statusCode(200);

            browser.byId("logout").click();
            browser.visible(By.id("login-username"));
            assertThat(browser.driver.executeScript("return sessionStorage.getItem('checkin.staff');")).isNull();
            assertThat(browser.byId("message").isDisplayed()).isFalse();
            Http.expectProblem(Http.as(token).get("/api/v1/sites/{id}/occupancy", site.id()), 401)
                    .body("type", endsWith("revoked-token"));
        }
    }

    @Test
    void anAccountChangeEndsTheLoginAndThePageSaysWhy() {
        Api.TestSite site = Api.createSite();
        Api.TestSite other = Api.createSite();
        Api.Staff receptionist = Api.reception(site.id());

        try (Browser browser = Browser.desktop(root)) {
            browser.go("/reception");
            browser.login(receptionist.username(), Api.STAFF_PASSWORD);
            browser.visible(By.cssSelector("#site option"));
            browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("updated"), "Cập nhật lúc"));

            Http.asAdmin().body(Map.of("siteIds", List.of(site.id(), other.id())))
                    .patch("/api/v1/users/{id}", receptionist.id()).then().statusCode(200);

            // The log is read every 4 s; the refusal reaches it within a few seconds more.
            browser.visible(By.id("login-username"));
            assertThat(browser.visible(By.id("message")).getText()).isEqualTo(
                    "Phiên đăng nhập đã kết thúc (đăng xuất, hoặc tài khoản đã thay đổi). Vui lòng đăng nhập lại.");
            browser.byId("lang").click();
            browser.login(receptionist.username(), Api.STAFF_PASSWORD);
            browser.visible(By.cssSelector("#site option"));
            Http.asAdmin().body(Map.of("active", false))
                    .patch("/api/v1/users/{id}", receptionist.id()).then().statusCode(200);
            browser.visible(By.id("login-username"));
            assertThat(browser.visible(By.id("message")).getText())
                    .isEqualTo("Your session has ended (logged out, or the account was changed). Please log in again.");
        }
    }
}
