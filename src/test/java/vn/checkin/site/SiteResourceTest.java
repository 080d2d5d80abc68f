package vn.checkin.site;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.checkin.support.Api.Staff;
import vn.checkin.support.Api.TestSite;
import vn.checkin.support.Api;
import vn.checkin.support.QrCodes;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.checkin.support.Http.anonymous;
import static vn.checkin.support.Http.as;
import static vn.checkin.support.Http.asAdmin;
import static vn.checkin.support.Http.expectProblem;

/** Sites and their signed QR codes: who may create, read and change them, and what the codes let visitors do. */
@QuarkusTest
class SiteResourceTest {

    private static final String SITES = "/api/v1/sites";
    private static final String SITE = SITES + "/{id}";

    @Nested
    class Creating {

        @Test
        void createAnswers201WithLocationIdFirstQrVersionAndCheckinUrl() {
            Map<String, Object> body = siteBody();

            ExtractableResponse<Response> created = asAdmin().body(body).post(SITES)
                    .then().statusCode(201)
                    .body("id", notNullValue())
                    .body("code", equalTo(body.get("code")))
                    .body("name", equalTo(body.get("name")))
                    .body("address", equalTo(body.get("address")))
                    .body("organization", equalTo(body.get("organization")))
                    .body("timeZone", equalTo(body.get("timeZone")))
                    .body("defaultStayMinutes", equalTo(body.get("defaultStayMinutes")))
                    .body("qrVersion", equalTo(1))
                    .body("active", equalTo(true))
                    .body("checkinUrl", containsString("/c/" + body.get("code") + "?"))
                    .body("checkinUrl", containsString("v=1"))
                    .body("checkinUrl", containsString("s="))
                    .extract();

            String id = created.path("id");
            assertTrue(created.header("Location").endsWith(SITES + "/" + id), "Location: " + created.header("Location"));
            asAdmin().get(created.header("Location")).then().statusCode(200)
                    .body("id", equalTo(id))
                    .body("code", equalTo(body.get("code")));
        }

        @Test
        void timeZoneDefaultsToVietnam() {
            Map<String, Object> body = siteBody();
            body.remove("timeZone");

            asAdmin().body(body).post(SITES).then().statusCode(201).body("timeZone", equalTo("Asia/Ho_Chi_Minh"));
        }

        @Test
        void duplicateCodeIs409() {
            TestSite existing = Api.createSite();
            Map<String, Object> body = siteBody();
            body.put("code", existing.code());

            expectProblem(asAdmin().body(body).post(SITES), 409);
        }

        static Stream<Arguments> invalidSites() {
            return Stream.of(
                    invalid("code with capitals", b -> b.put("code", "Chi-Nhanh-" + b.get("code")), "code"),
                    invalid("code too short", b -> b.put("code", "ab"), "code"),
                    invalid("code with a slash", b -> b.put("code", b.get("code") + "/x"), "code"),
                    invalid("code missing", b -> b.remove("code"), "code"),
                    invalid("name missing", b -> b.remove("name"), "name"),
                    invalid("name blank", b -> b.put("name", "  "), "name"),
                    invalid("unknown time zone", b -> b.put("timeZone", "Asia/Atlantis"), "timeZone"),
                    invalid("stay of zero minutes", b -> b.put("defaultStayMinutes", 0), "defaultStayMinutes"),
                    invalid("stay of a month", b -> b.put("defaultStayMinutes", 43_200), "defaultStayMinutes"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("invalidSites")
        void invalidSiteIs400NamingTheFieldAndIsNotCreated(String description, Consumer<Map<String, Object>> change,
                                                           String field) {
            Map<String, Object> body = siteBody();
            String code = (String) body.get("code");
            change.accept(body);

            expectProblem(asAdmin().body(body).post(SITES), 400)
                    .body("violations.field", hasItem(field));

            asAdmin().queryParam("q", code).get(SITES).then().statusCode(200).body("total", equalTo(0));
        }
    }

    @Nested
    class Reading {

        @Test
        void adminListsAndReadsASite() {
            TestSite site = Api.createSite();

            asAdmin().queryParam("q", site.code()).get(SITES).then().statusCode(200)
                    .body("items.id", contains(site.id()))
                    .body("total", equalTo(1));
            asAdmin().get(SITE, site.id()).then().statusCode(200)
                    .body("id", equalTo(site.id()))
                    .body("code", equalTo(site.code()))
                    .body("name", equalTo(site.name()))
                    .body("checkinUrl", equalTo(site.checkinUrl()));
        }

        @Test
        void receptionListsOnlyItsOwnSite() {
            TestSite own = Api.createSite();
            Api.createSite();
            Staff reception = Api.reception(own.id());

            as(reception.token()).get(SITES).then().statusCode(200)
                    .body("items.id", contains(own.id()))
                    .body("total", equalTo(1));
        }

        @Test
        void receptionReadsItsOwnSiteAndQr() {
            TestSite own = Api.createSite();
            Staff reception = Api.reception(own.id());

            as(reception.token()).get(SITE, own.id()).then().statusCode(200).body("id", equalTo(own.id()));
            as(reception.token()).get(SITE + "/qr", own.id()).then().statusCode(200).contentType("image/png");
        }

        @Test
        void receptionIs403OnAnotherSitesDetailsAndQr() {
            TestSite own = Api.createSite();
            TestSite other = Api.createSite();
            Staff reception = Api.reception(own.id());

            expectProblem(as(reception.token()).get(SITE, other.id()), 403);
            expectProblem(as(reception.token()).get(SITE + "/qr", other.id()), 403);
        }

        @Test
        void tracerListsAllSites() {
            TestSite site = Api.createSite();

            as(Api.tracer().token()).queryParam("q", site.code()).get(SITES).then().statusCode(200)
                    .body("items.id", contains(site.id()));
        }

        @Test
        void unknownIdIs404() {
            String unknown = UUID.randomUUID().toString();

            expectProblem(asAdmin().get(SITE, unknown), 404);
            expectProblem(asAdmin().body(Map.of("name", "x")).patch(SITE, unknown), 404);
            expectProblem(asAdmin().get(SITE + "/qr", unknown), 404);
            expectProblem(asAdmin().post(SITE + "/qr/rotate", unknown), 404);
        }

        @Test
        void everySiteEndpointIs401WithoutToken() {
            TestSite site = Api.createSite();

            expectProblem(anonymous().body(siteBody()).post(SITES), 401);
            expectProblem(anonymous().get(SITES), 401);
            expectProblem(anonymous().get(SITE, site.id()), 401);
            expectProblem(anonymous().body(Map.of("name", "x")).patch(SITE, site.id()), 401);
            expectProblem(anonymous().get(SITE + "/qr", site.id()), 401);
            expectProblem(anonymous().post(SITE + "/qr/rotate", site.id()), 401);
            asAdmin().get(SITE, site.id()).then().body("name", equalTo(site.name())).body("qrVersion", equalTo(1));
        }
    }

    @Nested
    class Changing {

        @Test
        void adminRenamesAndDeactivatesASite() {
            TestSite site = Api.createSite();
            String newName = "Chi nhánh " + Api.unique("Thủ Đức");

            asAdmin().body(Map.of("name", newName, "active", false)).patch(SITE, site.id())
                    .then().statusCode(200)
                    .body("name", equalTo(newName))
                    .body("active", equalTo(false))
                    .body("code", equalTo(site.code()));

            asAdmin().get(SITE, site.id()).then().statusCode(200)
                    .body("name", equalTo(newName))
                    .body("active", equalTo(false));
        }

        @Test
        void receptionCannotChangeItsOwnSite() {
            TestSite site = Api.createSite();
            Staff reception = Api.reception(site.id());

            expectProblem(as(reception.token()).body(Map.of("name", "Đổi tên", "active", false))
                    .patch(SITE, site.id()), 403);

            asAdmin().get(SITE, site.id()).then()
                    .body("name", equalTo(site.name()))
                    .body("active", equalTo(true));
        }

        @Test
        void receptionCannotCreateASite() {
            Staff reception = Api.reception(Api.createSite().id());
            Map<String, Object> body = siteBody();

            expectProblem(as(reception.token()).body(body).post(SITES), 403);

            asAdmin().queryParam("q", body.get("code")).get(SITES).then().body("total", equalTo(0));
        }
    }

    @Nested
    class QrCode {

        @ParameterizedTest
        @ValueSource(ints = {128, 300, 1000})
        void pngHasTheRequestedSizeAndDecodesToTheSitesCheckinUrl(int size) throws Exception {
            TestSite site = Api.createSite();

            BufferedImage image = pngQr(site.id(), size);

            assertEquals(size, image.getWidth());
            assertEquals(size, image.getHeight());
            assertEquals(site.checkinUrl(), decode(image));
        }

        @Test
        void pngIsTheDefaultFormat() throws Exception {
            TestSite site = Api.createSite();

            byte[] png = asAdmin().get(SITE + "/qr", site.id())
                    .then().statusCode(200).contentType("image/png").extract().asByteArray();

            assertEquals(site.checkinUrl(), decode(ImageIO.read(new ByteArrayInputStream(png))));
        }

        @Test
        void decodedQrChecksAVisitorIn() throws Exception {
            TestSite site = Api.createSite();
            String scanned = decode(pngQr(site.id(), 400));

            checkin(scanned).statusCode(201).body("siteId", equalTo(site.id()));
            assertEquals(1, visitsToday(site.id()));
        }

        @Test
        void svgIsAVectorImage() {
            TestSite site = Api.createSite();

            asAdmin().queryParam("format", "svg").get(SITE + "/qr", site.id())
                    .then().statusCode(200)
                    .contentType("image/svg+xml")
                    .body(containsString("<svg"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"size=50", "size=5000", "size=big", "format=gif"})
        void invalidQrParametersAre400(String parameter) {
            TestSite site = Api.createSite();
            String[] nameAndValue = parameter.split("=");

            expectProblem(asAdmin().queryParam(nameAndValue[0], nameAndValue[1]).get(SITE + "/qr", site.id()), 400);
        }

        @Test
        void rotationRefusesTheOldCodeWithoutStoringAndAcceptsTheNewOne() throws Exception {
            TestSite site = Api.createSite();
            String oldUrl = decode(pngQr(site.id(), 400));
            checkin(oldUrl).statusCode(201);

            String newUrl = asAdmin().post(SITE + "/qr/rotate", site.id()).then().statusCode(200)
                    .body("qrVersion", equalTo(site.qrVersion() + 1))
                    .extract().path("checkinUrl");

            assertNotEquals(oldUrl, newUrl);
            assertEquals(newUrl, decode(pngQr(site.id(), 400)), "the QR image shows the new code");
            expectProblem(checkinResponse(oldUrl), 400).body("type", endsWith("outdated-qr"));
            assertEquals(1, visitsToday(site.id()), "the refused check-in is not stored");
            checkin(newUrl).statusCode(201).body("siteId", equalTo(site.id()));
            assertEquals(2, visitsToday(site.id()));
        }

        @Test
        void forgedSignatureIs400AndNothingIsStored() {
            TestSite site = Api.createSite();

            expectProblem(checkinResponse(withForgedSignature(site.checkinUrl())), 400)
                    .body("type", not(endsWith("outdated-qr")));

            assertEquals(0, visitsToday(site.id()));
            checkin(site.checkinUrl()).statusCode(201);
        }

        @Test
        void unknownSiteCodeIs404() {
            TestSite site = Api.createSite();
            String unknownCode = Api.unique("khong-co");
            String url = site.checkinUrl().replace("/c/" + site.code() + "?", "/c/" + unknownCode + "?");

            expectProblem(checkinResponse(url), 404);
        }

        @Test
        void receptionCannotRotate() {
            TestSite site = Api.createSite();
            Staff reception = Api.reception(site.id());

            expectProblem(as(reception.token()).post(SITE + "/qr/rotate", site.id()), 403);

            asAdmin().get(SITE, site.id()).then()
                    .body("qrVersion", equalTo(site.qrVersion()))
                    .body("checkinUrl", equalTo(site.checkinUrl()));
            checkin(site.checkinUrl()).statusCode(201);
        }
    }

    // --- Helpers -----------------------------------------------------------------------------------

    private static Map<String, Object> siteBody() {
        Map<String, Object> body = new HashMap<>();
        body.put("code", Api.unique("chi-nhanh"));
        body.put("name", "Bưu điện " + Api.unique("Sài Gòn"));
        body.put("address", "2 Công xã Paris, Bến Nghé, Quận 1");
        body.put("organization", "VNPost");
        body.put("timeZone", "Asia/Bangkok");
        body.put("defaultStayMinutes", 90);
        return body;
    }

    private static Arguments invalid(String description, Consumer<Map<String, Object>> change, String field) {
        return Arguments.of(description, change, field);
    }

    private static BufferedImage pngQr(String siteId, int size) throws IOException {
        byte[] png = asAdmin().queryParam("format", "png").queryParam("size", size).get(SITE + "/qr", siteId)
                .then().statusCode(200).contentType("image/png").extract().asByteArray();
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    private static String decode(BufferedImage image) throws Exception {
        return QrCodes.decode(image);
    }

    /** The same URL with one character of the signature changed. */
    private static String withForgedSignature(String url) {
        int at = url.indexOf("s=") + 2;
        char forged = url.charAt(at) == 'A' ? 'B' : 'A';
        return url.substring(0, at) + forged + url.substring(at + 1);
    }

    private static Response checkinResponse(String scanned) {
        return given().contentType(ContentType.JSON)
                .body(Api.checkinBody(scanned, "Phạm Thị Hoa", Api.randomPhone()))
                .post("/api/v1/checkins");
    }

    private static ValidatableResponse checkin(String scanned) {
        return checkinResponse(scanned).then();
    }

    /** Visits in the site's log for today, as an administrator sees them. */
    private static int visitsToday(String siteId) {
        return asAdmin().get(SITE + "/visits", siteId).then().statusCode(200).extract().path("total");
    }
}
