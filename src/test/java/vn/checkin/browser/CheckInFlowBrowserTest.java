package vn.checkin.browser;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import vn.checkin.support.Api;
import vn.checkin.support.QrCodes;

import java.net.URI;
import java.net.URL;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A visitor scans the poster's QR code with a phone; reception watches the log at the desk. */
@QuarkusTest
@Tag("browser")
class CheckInFlowBrowserTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void aVisitorChecksInFromTheQrAndReceptionSeesItLiveThenChecksAnotherOut() throws Exception {
        Api.TestSite site = Api.createSite();
        Api.Staff receptionist = Api.reception(site.id());
        String earlier = Api.unique("Trần Thị Sớm");
        String earlierId = Api.checkin(site, earlier, Api.randomPhone()).path("visitId");

        try (Browser desk = Browser.desktop(root); Browser phone = Browser.phone(root)) {
            desk.go("/reception");
            desk.login(receptionist.username(), Api.STAFF_PASSWORD);
            desk.visible(By.cssSelector("tr[data-visit-id='" + earlierId + "']"));
            desk.driver.executeScript("window.loadedOnce = 'still the same page';");

            URI scanned = URI.create(decodeQr(site.id()));
            assertThat(scanned.toString()).startsWith("http://localhost:8080/c/" + site.code() + "?v=");
            String visitor = Api.unique("Lê Văn Quét");
            phone.go(scanned.getRawPath() + "?" + scanned.getRawQuery());
            phone.type("fullName", visitor);
            phone.type("phone", Api.randomPhone());
            phone.byId("consent").click();
            phone.byId("submit").click();
            phone.visible(By.id("checkout"));
            assertThat(phone.byId("site-name").getText()).isEqualTo(site.name());

            WebElement row = desk.visible(By.xpath("//tbody[@id='rows']/tr[.//div[@class='name' and text()='"
                    + visitor + "']]"));
            assertThat(desk.driver.executeScript("return window.loadedOnce;"))
                    .as("the log updated without reloading the page").isEqualTo("still the same page");
            String visitId = row.getAttribute("data-visit-id");

            phone.byId("checkout").click();
            phone.visible(By.id("checked-out"));
            JsonPath own = visit(receptionist, visitId);
            assertThat(own.getString("status")).isEqualTo("CHECKED_OUT");
            assertThat(own.getString("checkoutSource")).isEqualTo("VISITOR");
            assertThat(own.getString("entrySource")).isEqualTo("QR");

            desk.driver.findElement(By.cssSelector("tr[data-visit-id='" + earlierId + "'] button.checkout")).click();
            desk.waitUntil(ExpectedConditions.numberOfElementsToBe(
                    By.cssSelector("tr[data-visit-id='" + earlierId + "'] button.checkout"), 0));
            JsonPath other = visit(receptionist, earlierId);
            assertThat(other.getString("status")).isEqualTo("CHECKED_OUT");
            assertThat(other.getString("checkoutSource")).isEqualTo("STAFF");
            desk.waitUntil(ExpectedConditions.textToBe(By.id("onSite"), "0"));
        }
    }

    @Test
    void aNameWithMarkupIsShownAsTextOnTheReceptionPage() {
        Api.TestSite site = Api.createSite();
        Api.Staff receptionist = Api.reception(site.id());
        String name = "<img src=x onerror=alert(1)>";
        String visitId = Api.checkin(site, name, Api.randomPhone()).path("visitId");

        try (Browser desk = Browser.desktop(root)) {
            desk.go("/reception");
            desk.login(receptionist.username(), Api.STAFF_PASSWORD);
            WebElement row = desk.visible(By.cssSelector("tr[data-visit-id='" + visitId + "']"));

            assertThat(row.findElement(By.cssSelector(".name")).getText()).isEqualTo(name);
            assertThat(desk.driver.findElements(By.tagName("img"))).as("no element made from the name").isEmpty();
            assertThatThrownBy(() -> desk.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        }
    }

    private static String decodeQr(String siteId) throws Exception {
        byte[] png = given().auth().oauth2(Api.adminToken()).get("/api/v1/sites/" + siteId + "/qr?format=png")
                .then().statusCode(200).contentType("image/png").extract().asByteArray();
        return QrCodes.decodePng(png);
    }

    private static JsonPath visit(Api.Staff staff, String visitId) {
        return given().auth().oauth2(staff.token()).get("/api/v1/visits/" + visitId)
                .then().statusCode(200).extract().jsonPath();
    }
}
