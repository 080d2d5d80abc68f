package vn.checkin.browser;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import vn.checkin.support.Api;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URL;
import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The entrance screen: reception opens it from its page, a visitor scans the code on the glass and checks in,
 * the code is replaced before it expires, and a lost connection is shown while the expired code goes away.
 */
@QuarkusTest
@Tag("browser")
class KioskScreenBrowserTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void aVisitorChecksInWithTheCodeOnTheScreenAndTheScreenRenewsIt() throws Exception {
        Api.TestSite site = Api.createSite();
        Api.Staff receptionist = Api.reception(site.id());

        try (Browser screen = Browser.open(root, 1080, 1920)) {
            screen.go("/reception");
            screen.login(receptionist.username(), Api.STAFF_PASSWORD);
            WebElement link = screen.visible(By.id("kiosk-link"));
            screen.waitUntil(ExpectedConditions.attributeContains(link, "href", "/reception/kiosk?site=" + site.id()));
            assertThat(link.getText()).isEqualTo("Màn hình QR tại cửa");
            String reception = screen.driver.getWindowHandle();
            link.click();
            screen.waitUntil(ExpectedConditions.numberOfWindowsToBe(2));
            screen.driver.getWindowHandles().stream().filter(h -> !h.equals(reception)).findFirst()
                    .ifPresent(h -> screen.driver.switchTo().window(h));

            WebElement qr = screen.visible(By.id("qr"));
            assertThat(screen.driver.getCurrentUrl()).endsWith("/reception/kiosk?site=" + site.id());
            assertThat(screen.byId("login").isDisplayed()).as("the reception login carried over").isFalse();
            assertThat(screen.byId("site-name").getText()).isEqualTo(site.name());
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

            screen.screenshot("kiosk-1080x1920");
            screen.resize(1920, 1080);
            screen.visible(By.id("qr"));
            decode(screen.byId("qr"));
            screen.screenshot("kiosk-1920x1080");
        }
    }

    @Test
    void withoutANetworkTheScreenSaysSoAndTakesTheExpiredCodeAwayThenRecovers() {
        Api.TestSite site = Api.createSite();
        Api.Staff receptionist = Api.reception(site.id());

        try (Browser screen = Browser.open(root, 1920, 1080)) {
            screen.go("/reception/kiosk?site=" + site.id());
            screen.login(receptionist.username(), Api.STAFF_PASSWORD);
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
            screen.screenshot("kiosk-offline-1920x1080");

            network(screen, false);
            screen.waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id("offline")));
            screen.visible(By.id("qr"));
            assertThat(screen.byId("expired").isDisplayed()).isFalse();
        }
    }

    private static void network(Browser browser, boolean offline) {
        browser.driver.executeCdpCommand("Network.enable", Map.of());
        browser.driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", offline,
                "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
    }

    /** What a phone at the door reads: the QR as drawn on the screen. */
    private static String decode(WebElement qr) throws Exception {
        byte[] png = qr.getScreenshotAs(OutputType.BYTES);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        return new QRCodeReader().decode(bitmap).getText();
    }
}
