package vn.checkin.site;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import vn.checkin.support.Api;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class PosterTest {

    @Test
    void posterIsAnA4PdfWithTheSiteNameInVietnameseAndTheSignedUrl() throws Exception {
        Api.TestSite site = Api.createSite(Map.of("name", "Sở Y tế Đắk Lắk"));
        byte[] pdf = given().auth().oauth2(Api.adminToken())
                .get("/api/v1/sites/" + site.id() + "/poster")
                .then().statusCode(200).contentType("application/pdf")
                .extract().asByteArray();

        PdfReader reader = new PdfReader(pdf);
        assertThat(reader.getNumberOfPages()).isEqualTo(1);
        assertThat(reader.getPageSize(1).getWidth()).isEqualTo(595f);
        assertThat(reader.getPageSize(1).getHeight()).isEqualTo(842f);
        String text = new PdfTextExtractor(reader).getTextFromPage(1);
        assertThat(text).contains("Sở Y tế Đắk Lắk").contains("KHAI BÁO Y TẾ").contains(site.checkinUrl());
    }

    @Test
    void posterNeedsAdminOrTheSitesReception() {
        Api.TestSite site = Api.createSite();
        Api.TestSite other = Api.createSite();
        given().get("/api/v1/sites/" + site.id() + "/poster").then().statusCode(401);
        given().auth().oauth2(Api.reception(other.id()).token())
                .get("/api/v1/sites/" + site.id() + "/poster").then().statusCode(403);
        given().auth().oauth2(Api.tracer().token())
                .get("/api/v1/sites/" + site.id() + "/poster").then().statusCode(403);
        given().auth().oauth2(Api.reception(site.id()).token())
                .get("/api/v1/sites/" + site.id() + "/poster").then().statusCode(200);
        given().auth().oauth2(Api.adminToken())
                .get("/api/v1/sites/" + java.util.UUID.randomUUID() + "/poster").then().statusCode(404);
    }
}
