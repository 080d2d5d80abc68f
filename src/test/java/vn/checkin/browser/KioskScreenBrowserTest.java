package vn.checkin.browser;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import vn.checkin.support.Api;
import vn.checkin.support.Http;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URL;
import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The entrance screen runs on a kiosk token, never on a staff login: reception enrols the screen on its page and
 * opens the link it gets on the device, a visitor scans the code on the glass and checks in, the code is replaced
 * before it expires, a lost connection is shown while the expired code goes away, and a revoked screen says so and
 * asks for a new token.
 */
@QuarkusTest
@Tag("browser")
class KioskScreenBrowserTest {

    private static final String TOKEN_KEY = "checkin.kiosk.token.";

    @TestHTTPResource("/")
    URL root;

    @Test
    void receptionEnrolsTheScreenAndAVisitorChecksInWithTheCodeOnIt() throws Exception {
        Api.TestSite site = Api.createSite();
        Api.Staff receptionist = Api.reception(site.id());

        try (Browser desk = Browser.desktop(root)) {
            desk.go("/reception");
            desk.login(receptionist.username(), Api.STAFF_PASSWORD);
            desk.visible(By.cssSelector("#site option"));
            WebElement open = desk.byId("kiosk-link");
            assertThat(open.getText()).isEqualTo("Thiết bị màn hình cửa");
            assertThat(open.getTagName()).as("enrols a device, does not open a screen on the staff login")
                    .isEqualTo("button");
            open.click();
            assertThat(desk.visible(By.id("kiosks-title")).getText()).contains("Thiết bị màn hình cửa").contains(site.name());
            assertThat(open.getAttribute("aria-expanded")).isEqualTo("true");
            desk.visible(By.id("kiosk-empty"));

            desk.type("kiosk-name", "Cổng chính");
            desk.byId("kiosk-enrol").click();
            WebElement shownLink = desk.visible(By.id("kiosk-enrolled-link"));
            String link = shownLink.getDomProperty("value");
            String token = desk.byId("kiosk-enrolled-token").getDomProperty("value");
            assertThat(link).isEqualTo(root.toString() + "reception/kiosk?site=" + site.id() + "#kiosk=" + token);
            assertThat(desk.byId("kiosk-enrolled").getText()).contains("chỉ hiện một lần").contains("Cổng chính");
            assertThat(desk.byId("kiosk-open").getAttribute("href")).isEqualTo(link);
            desk.byId("kiosk-copy-link").click();
            desk.waitUntil(ExpectedConditions.textToBe(By.id("kiosk-copied"), "Đã sao chép."));
            WebElement row = desk.visible(By.cssSelector("#kiosk-rows tr"));
            assertThat(row.getText()).contains("Cổng chính").contains(receptionist.username())
                    .contains("Chưa mở trên màn hình nào");
            desk.byId("kiosk-done").click();
            assertThat(desk.byId("kiosk-enrolled").isDisplayed()).isFalse();
            assertThat(desk.byId("kiosk-enrolled-token").getDomProperty("value")).as("shown once").isEmpty();

            // Another device, with nothing of the receptionist's login: only the link.
            try (Browser screen = Browser.open(root, 1080, 1920)) {
                screen.driver.get(link);
                WebElement qr = screen.visible(By.id("qr"));
                assertThat(screen.driver.getCurrentUrl()).as("the token is taken out of the address bar")
                        .isEqualTo(root.toString() + "reception/kiosk?site=" + site.id());
                assertThat(stored(screen, site.id())).isEqualTo(token);
                assertNoStaffLogin(screen, receptionist);
                assertThat(screen.byId("site-name").getText()).isEqualTo(site.name());
                assertThat(screen.driver.getTitle()).startsWith(site.name());
                assertThat(screen.byId("countdown").getText()).contains("Mã mới sau").contains("New code in");
                assertThat(qr.getAttribute("src")).startsWith("data:image/svg+xml");

                String first = decode(qr);
                assertThat(first).isEqualTo(qr.getAttribute("data-url"))
                        .startsWith("http://localhost:8080/c/" + site.code() + "?");
                Instant expiresAt = Instant.parse(screen.byId("app").getAttribute("data-expires-at"));
                Instant nextRefresh = Instant.parse(screen.byId("app").getAttribute("data-next-refresh-at"));
                assertThat(expiresAt).isBetween(Instant.now(), Instant.now().plusSeconds(65));
                assertThat(nextRefresh).as("renewed well before the code stops working")
                        .isBefore(expiresAt.minusSeconds(20)).isAfter(Instant.now().minusSeconds(5));

                given().contentType(ContentType.JSON)
                        .body(Api.checkinBody(first, Api.unique("Phạm Thị Quét"), Api.randomPhone()))
                        .post("/api/v1/checkins").then().statusCode(201);

                Thread.sleep(1100); // codes are issued to the second
                screen.byId("refresh").click();
                screen.waitUntil(d -> !first.equals(d.findElement(By.id("qr")).getAttribute("data-url")));
                String second = decode(screen.visible(By.id("qr")));
                assertThat(second).isNotEqualTo(first).startsWith("http://localhost:8080/c/" + site.code() + "?");

                screen.driver.navigate().refresh();
                screen.visible(By.id("qr"));
                assertNoStaffLogin(screen, receptionist);
                screen.screenshot("kiosk-1080x1920");
                screen.resize(1920, 1080);
                screen.visible(By.id("qr"));
                decode(screen.byId("qr"));
                screen.screenshot("kiosk-1920x1080");
            }

            // Back at the desk: the screen has been seen; revoking it asks first.
            desk.byId("kiosks-close").click();
            assertThat(desk.byId("kiosks").isDisplayed()).isFalse();
            desk.byId("kiosk-link").click();
            desk.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#kiosk-rows tr"),
                    "Đang hoạt động"));
            desk.byId("lang").click();
            desk.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#kiosk-rows tr"), "Running"));
            desk.byId("lang").click();
            desk.visible(By.cssSelector("#kiosk-rows button.revoke")).click();
            desk.waitUntil(ExpectedConditions.alertIsPresent());
            assertThat(desk.driver.switchTo().alert().getText()).contains("Cổng chính");
            desk.driver.switchTo().alert().dismiss();
            assertThat(desk.byId("kiosk-rows").getText()).contains("Đang hoạt động");
            desk.byId("kiosk-rows").findElement(By.cssSelector("button.revoke")).click();
            desk.waitUntil(ExpectedConditions.alertIsPresent()).accept();
            desk.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#kiosk-rows tr"),
                    "Đã thu hồi"));
            assertThat(desk.byId("kiosk-status").getText()).isEqualTo("Đã thu hồi thiết bị: Cổng chính");
            assertThat(desk.driver.findElements(By.cssSelector("#kiosk-rows button.revoke"))).isEmpty();
            Http.expectProblem(Http.as(token).get("/api/v1/sites/{id}/kiosk-qr", site.id()), 401);
        }
    }

    @Test
    void aRevokedScreenSaysSoAndAsksForANewTokenNeverForALogin() {
        Api.TestSite site = Api.createSite();
        Api.TestSite elsewhere = Api.createSite();
        Api.Staff receptionist = Api.reception(site.id(), elsewhere.id());
        JsonPath revoked = Api.enrolKiosk(site.id(), receptionist.token());
        String replacement = Api.enrolKiosk(site.id(), receptionist.token()).getString("kioskToken");
        String otherSites = Api.enrolKiosk(elsewhere.id(), receptionist.token()).getString("kioskToken");

        try (Browser screen = Browser.open(root, 1080, 1920)) {
            screen.go("/reception/kiosk?site=" + site.id() + "#kiosk=" + revoked.getString("kioskToken"));
            screen.visible(By.id("qr"));

            given().auth().oauth2(receptionist.token())
                    .delete("/api/v1/sites/{id}/kiosks/{kiosk}", site.id(), revoked.getString("id"))
                    .then().statusCode(204);
            screen.byId("refresh").click();
            WebElement message = screen.visible(By.id("message"));
            assertThat(message.getText())
                    .contains("Thiết bị này đã bị thu hồi hoặc mã không hợp lệ. Vui lòng nhờ lễ tân đăng ký lại.")
                    .contains("This screen has been revoked or its token is not valid.");
            assertThat(screen.visible(By.id("kiosk-token")).getAttribute("type")).isEqualTo("text");
            assertThat(screen.byId("app").isDisplayed()).isFalse();
            assertThat(screen.byId("qr").getAttribute("src")).as("the last code is gone too").isNull();
            assertThat(stored(screen, site.id())).as("the revoked token is forgotten").isNull();
            assertNoStaffLogin(screen, receptionist);
            screen.screenshot("kiosk-revoked-1080x1920");

            screen.driver.navigate().refresh();
            screen.visible(By.id("kiosk-token"));
            assertThat(screen.byId("app").isDisplayed()).isFalse();

            screen.type("kiosk-token", otherSites);
            screen.byId("kiosk-start").click();
            screen.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "địa điểm khác"));
            assertThat(screen.byId("message").getText()).contains("This kiosk token belongs to another site.");
            assertThat(screen.visible(By.id("kiosk-token")).isDisplayed()).isTrue();
            assertThat(stored(screen, site.id())).isNull();

            screen.type("kiosk-token", "mật khẩu");
            screen.byId("kiosk-start").click();
            assertThat(screen.visible(By.id("kiosk-token-error")).getText()).contains("Đây không phải là mã thiết bị");

            // Reception pastes the whole link it got rather than the token: that works too.
            screen.type("kiosk-token", root + "reception/kiosk?site=" + site.id() + "#kiosk=" + replacement);
            screen.byId("kiosk-start").click();
            screen.visible(By.id("qr"));
            assertThat(screen.byId("message").isDisplayed()).isFalse();
            assertThat(screen.byId("enrol").isDisplayed()).isFalse();
            assertThat(stored(screen, site.id())).isEqualTo(replacement);
            assertNoStaffLogin(screen, receptionist);

            // A link whose token was cut short does not replace the token the screen runs on, loaded anew or
            // opened in the tab that shows the screen (a change of the fragment only).
            screen.driver.get("about:blank");
            screen.go("/reception/kiosk?site=" + site.id() + "#kiosk=" + replacement.substring(0, 20));
            screen.visible(By.id("qr"));
            assertThat(stored(screen, site.id())).isEqualTo(replacement);
            screen.go("/reception/kiosk?site=" + site.id() + "#kiosk=" + replacement.substring(0, 20));
            screen.waitUntil(d -> !d.getCurrentUrl().contains("#"));
            assertThat(stored(screen, site.id())).isEqualTo(replacement);
            assertThat(screen.byId("qr").isDisplayed()).isTrue();

            // A good link opened in that tab is taken at once.
            JsonPath another = Api.enrolKiosk(site.id(), receptionist.token());
            screen.go("/reception/kiosk?site=" + site.id() + "#kiosk=" + another.getString("kioskToken"));
            screen.waitUntil(d -> another.getString("kioskToken").equals(stored(screen, site.id())));
            assertThat(screen.driver.getCurrentUrl()).isEqualTo(root + "reception/kiosk?site=" + site.id());
            screen.visible(By.id("qr"));
        }
    }

    @Test
    void withoutANetworkTheScreenSaysSoAndTakesTheExpiredCodeAwayThenRecovers() {
        Api.TestSite site = Api.createSite();
        String token = Api.enrolKiosk(site.id(), Api.adminToken()).getString("kioskToken");

        try (Browser screen = Browser.open(root, 1920, 1080)) {
            screen.go("/reception/kiosk?site=" + site.id() + "#kiosk=" + token);
            screen.visible(By.id("qr"));
            assertThat(screen.byId("offline").isDisplayed()).isFalse();

            network(screen, true);
            screen.byId("refresh").click();
            WebElement offline = screen.visible(By.id("offline"));
            assertThat(offline.getText()).contains("Mất kết nối").contains("Connection lost");
            assertThat(screen.byId("qr").isDisplayed()).as("the code still works for a while").isTrue();
            assertThat(screen.byId("countdown").getText()).contains("Mã còn hiệu lực");

            // Two minutes later, in the page's clock: the code has expired and must not stay on the glass.
            screen.driver.executeScript("const now = Date.now; Date.now = () => now() + 120000;");
            screen.waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id("qr")));
            assertThat(screen.visible(By.id("expired")).getText()).contains("Mã đã hết hạn");
            assertThat(stored(screen, site.id())).as("a lost connection is no reason to forget the token")
                    .isEqualTo(token);
            screen.screenshot("kiosk-offline-1920x1080");

            network(screen, false);
            screen.waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id("offline")));
            screen.visible(By.id("qr"));
            assertThat(screen.byId("expired").isDisplayed()).isFalse();
        }
    }

    /** No login form, no password field, no staff name, no logout: the screen is public. */
    static void assertNoStaffLogin(Browser screen, Api.Staff staff) {
        assertThat(screen.driver.findElements(By.cssSelector("#login, #login-username, input[type=password], #logout, #who")))
                .isEmpty();
        assertThat(screen.driver.getPageSource()).doesNotContain(staff.username());
    }

    static String stored(Browser screen, String siteId) {
        return (String) screen.driver.executeScript("return localStorage.getItem(arguments[0]);", TOKEN_KEY + siteId);
    }

    private static void network(Browser browser, boolean offline) {
        browser.driver.executeCdpCommand("Network.enable", Map.of());
        browser.driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", offline,
                "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
    }

    /** What a phone at the door reads: the QR as drawn on the screen. */
    static String decode(WebElement qr) throws Exception {
        byte[] png = qr.getScreenshotAs(OutputType.BYTES);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        return new QRCodeReader().decode(bitmap).getText();
    }
}
