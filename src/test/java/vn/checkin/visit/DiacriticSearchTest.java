package vn.checkin.visit;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.checkin.common.SearchText;
import vn.checkin.support.Api;
import vn.checkin.support.Api.Staff;
import vn.checkin.support.Api.TestSite;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Contract "Search": {@code q} in every list matches Vietnamese without regard to diacritics or case, on rows
 * written by any path, and the database's search form is exactly {@link SearchText}'s (H2 and PostgreSQL).
 */
@QuarkusTest
class DiacriticSearchTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Inject
    AgroalDataSource db;

    // --- the day log ----------------------------------------------------------------------------------------

    @Test
    void aNameIsFoundWithoutItsDiacriticsAndInAnyCase() {
        TestSite site = Api.createSite();
        Staff desk = Api.reception(site.id());
        String an = checkin(site, "Nguyễn Văn An", "Sở Tư pháp", null);
        checkin(site, "Trần Thị Bình", "Sở Tư pháp", null);

        for (String q : List.of("nguyen van an", "NGUYEN", "Nguyễn Văn An", "nguyễn văn an", "van a", "guyê",
                "  nguyen   van  an ")) {
            assertEquals(List.of(an), logIds(desk, site, q), q);
        }
        assertEquals(List.of(), logIds(desk, site, "nguyen van anh"));
    }

    @Test
    void dFindsĐAndĐFindsD() {
        TestSite site = Api.createSite();
        Staff desk = Api.reception(site.id());
        String dung = checkin(site, "Đỗ Đức Dũng", "Sở Tư pháp", null);
        String dao = checkin(site, "Lê Thị Dao", "Sở Tư pháp", null);
        checkin(site, "Vũ Văn Nam", "Sở Tư pháp", null);

        assertEquals(List.of(dung), logIds(desk, site, "đỗ"));
        assertEquals(List.of(dung), logIds(desk, site, "do"));
        assertEquals(List.of(dung), logIds(desk, site, "DUC DUNG"));
        assertEquals(Set.of(dung, dao), Set.copyOf(logIds(desk, site, "Đ")));
        assertEquals(Set.of(dung, dao), Set.copyOf(logIds(desk, site, "d")));
    }

    @Test
    void theOrganizationPhoneAndIdNumberAreSearchedToo() {
        TestSite site = Api.createSite();
        Staff desk = Api.reception(site.id());
        String phone = Api.randomPhone();
        String idNumber = "079" + phone.substring(1);
        String wanted = checkin(site, "Hoàng Văn Em", "Bộ Y tế", phone, idNumber);
        checkin(site, "Bùi Thị Giang", "Sở Tư pháp", null);

        assertEquals(List.of(wanted), logIds(desk, site, "bo y te"));
        assertEquals(List.of(wanted), logIds(desk, site, "Y TẾ"));
        assertEquals(List.of(wanted), logIds(desk, site, phone.substring(3)));
        assertEquals(List.of(wanted), logIds(desk, site, idNumber));
    }

    @Test
    void aMatchNeverSpansTwoFields() {
        TestSite site = Api.createSite();
        Staff desk = Api.reception(site.id());
        checkin(site, "Nguyễn Văn An", "Bộ Y tế", null);

        assertEquals(List.of(), logIds(desk, site, "an bo"));
    }

    @Test
    void percentAndUnderscoreInQMatchThemselves() {
        TestSite site = Api.createSite();
        Staff desk = Api.reception(site.id());
        String percent = checkin(site, "Phan Văn Lộc", "Quỹ 100% vốn", null);
        checkin(site, "Phan Văn Phúc", "Quỹ 1000 vốn", null);
        String underscore = checkin(site, "Mai Thị Sen", "nhom_a", null);
        checkin(site, "Mai Thị Lan", "nhomxa", null);

        assertEquals(List.of(percent), logIds(desk, site, "100%"));
        assertEquals(List.of(underscore), logIds(desk, site, "nhom_a"));
        assertEquals(List.of(percent), logIds(desk, site, "%"));
        assertEquals(List.of(underscore), logIds(desk, site, "_"));
    }

    @Test
    void aVisitWrittenWithPlainSqlIsFoundAndAnEditIsFollowed() throws SQLException {
        TestSite site = Api.createSite();
        Staff desk = Api.reception(site.id());
        UUID id = insertVisit(UUID.fromString(site.id()), "Phạm Thị Ánh", "Sở Giáo dục");

        assertEquals(List.of(id.toString()), logIds(desk, site, "pham thi anh"));
        assertEquals(List.of(id.toString()), logIds(desk, site, "so giao duc"));

        execute("update visit set full_name = ? where id = ?", "Phạm Thị Ánh Tuyết", id);
        assertEquals(List.of(id.toString()), logIds(desk, site, "anh tuyet"));
    }

    @Test
    void aBlankQFiltersNothingAndALongOneIsRefused() {
        TestSite site = Api.createSite();
        Staff desk = Api.reception(site.id());
        String an = checkin(site, "Nguyễn Văn An", "Sở Tư pháp", null);

        assertEquals(List.of(an), logIds(desk, site, "   "));
        assertEquals(List.of(an), logIds(desk, site, ""));
        assertEquals(List.of(), logIds(desk, site, "a".repeat(SearchText.MAX_QUERY)));
        for (String accept : List.of("application/json", "text/csv")) {
            as(desk).accept(accept).queryParam("q", "a".repeat(SearchText.MAX_QUERY + 1)).get(log(site))
                    .then().statusCode(400).contentType(PROBLEM_JSON).body("violations[0].field", equalTo("q"));
        }
    }

    @Test
    void theCsvHonoursQ() {
        TestSite site = Api.createSite();
        Staff desk = Api.reception(site.id());
        checkin(site, "Nguyễn Văn An", "Sở Tư pháp", null);
        checkin(site, "Trần Thị Bình", "Sở Tư pháp", null);

        byte[] body = as(desk).accept("text/csv").queryParam("q", "nguyen van").get(log(site))
                .then().statusCode(200).extract().asByteArray();
        String csv = new String(body, StandardCharsets.UTF_8);
        assertTrue(csv.contains("Nguyễn Văn An"), csv);
        assertFalse(csv.contains("Trần Thị Bình"), csv);
    }

    // --- the sites list -------------------------------------------------------------------------------------

    @Test
    void sitesAreFoundByNameCodeAndOrganizationWithoutDiacritics() {
        String token = Api.unique("t").replace("-", "");
        TestSite daKao = Api.createSite(Map.of("name", "Phường Đa Kao " + token, "organization", "UBND Quận Một " + token));
        TestSite other = Api.createSite(Map.of("name", "Phường Bến Nghé " + token));

        assertEquals(List.of(daKao.id()), siteIds("phuong da kao " + token));
        assertEquals(List.of(daKao.id()), siteIds("PHƯỜNG ĐA KAO " + token));
        assertEquals(List.of(daKao.id()), siteIds("ubnd quan mot " + token));
        assertEquals(List.of(other.id()), siteIds("ben nghe " + token));
        assertEquals(List.of(other.id()), siteIds(other.code().toUpperCase()));
        assertEquals(Set.of(daKao.id(), other.id()), Set.copyOf(siteIds(token)));
    }

    @Test
    void sitesMatchPercentAndUnderscoreLiterallyAndRefuseALongQ() {
        String token = Api.unique("t").replace("-", "");
        TestSite percent = Api.createSite(Map.of("name", "Trạm 100% " + token));
        Api.createSite(Map.of("name", "Trạm 1000 " + token));
        TestSite underscore = Api.createSite(Map.of("name", "Kho_" + token));
        Api.createSite(Map.of("name", "Khox" + token));

        assertEquals(List.of(percent.id()), siteIds("100% " + token));
        assertEquals(List.of(underscore.id()), siteIds("kho_" + token));
        given().auth().oauth2(Api.adminToken()).queryParam("q", "a".repeat(SearchText.MAX_QUERY + 1))
                .get("/api/v1/sites")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("violations[0].field", equalTo("q"));
    }

    @Test
    void aSiteRenamedWithPlainSqlIsFoundByItsNewName() throws SQLException {
        String token = Api.unique("t").replace("-", "");
        TestSite site = Api.createSite(Map.of("name", "Phường Cũ " + token));

        execute("update site set name = ? where id = ?", "Phường Mới " + token, UUID.fromString(site.id()));
        assertEquals(List.of(site.id()), siteIds("phuong moi " + token));
        assertEquals(List.of(), siteIds("phuong cu " + token));
    }

    // --- the database's search form is SearchText's ----------------------------------------------------------

    @Test
    void theDatabaseNormalisesExactlyAsJavaDoes() throws SQLException {
        TestSite site = Api.createSite();
        List<String> samples = List.of(
                "Nguyễn Văn An", "ĐỖ ĐỨC DŨNG", "Trương Thị Phượng", "Ưng Hoàng Phúc", "Lê Thị Ý Nhi",
                "àáảãạ ăằắẳẵặ âầấẩẫậ èéẻẽẹ êềếểễệ ìíỉĩị òóỏõọ ôồốổỗộ ơờớởỡợ ùúủũụ ưừứửữự ỳýỷỹỵ đ",
                "ÀÁẢÃẠ ĂẰẮẲẴẶ ÂẦẤẨẪẬ ÈÉẺẼẸ ÊỀẾỂỄỆ ÌÍỈĨỊ ÒÓỎÕỌ ÔỒỐỔỖỘ ƠỜỚỞỠỢ ÙÚỦŨỤ ƯỪỨỬỮỰ ỲÝỶỸỴ Đ",
                "Nguye\u0302\u0303n Va\u0306n An", "  spaces \t and\ttabs  ", "İstanbul Çağrı Müller ß ΣΑΣ",
                "김민준", "100%_!x", "O'Brien-Smith (Jr.)");
        for (String sample : samples) {
            UUID visit = insertVisit(UUID.fromString(site.id()), sample, sample.toUpperCase());
            assertEquals(SearchText.of(sample, sample.toUpperCase()),
                    queryString("select search_text from visit where id = ?", visit), sample);
        }
        assertEquals(SearchText.of(site.name(), site.code(), "UBND TP.HCM"),
                queryString("select search_text from site where id = ?", UUID.fromString(site.id())));
    }

    // --- helpers --------------------------------------------------------------------------------------------

    private static String checkin(TestSite site, String fullName, String organization, String idNumber) {
        return checkin(site, fullName, organization, Api.randomPhone(), idNumber);
    }

    private static String checkin(TestSite site, String fullName, String organization, String phone,
                                  String idNumber) {
        Map<String, Object> body = Api.checkinBody(site.checkinUrl(), fullName, phone);
        @SuppressWarnings("unchecked")
        Map<String, Object> visitor = (Map<String, Object>) body.get("visitor");
        visitor.put("organization", organization);
        visitor.put("idNumber", idNumber);
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/checkins")
                .then().statusCode(201).extract().path("visitId");
    }

    private UUID insertVisit(UUID siteId, String fullName, String organization) throws SQLException {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (Connection connection = db.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     insert into visit (id, site_id, full_name, organization, phone, close_contact, outbreak_area,
                         flag_fever, flag_symptoms, flag_close_contact, flag_outbreak_area, flagged, consent_at,
                         checked_in_at, entry_source)
                     values (?, ?, ?, ?, ?, false, false, false, false, false, false, false, ?, ?, 'STAFF')""")) {
            insert.setObject(1, id);
            insert.setObject(2, siteId);
            insert.setString(3, fullName);
            insert.setString(4, organization);
            insert.setString(5, "+849" + String.format("%08d", (long) (Math.random() * 100_000_000L)));
            insert.setObject(6, now.atOffset(ZoneOffset.UTC));
            insert.setObject(7, now.atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        }
        return id;
    }

    private void execute(String sql, String text, UUID id) throws SQLException {
        try (Connection connection = db.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, text);
            statement.setObject(2, id);
            assertEquals(1, statement.executeUpdate(), sql);
        }
    }

    private String queryString(String sql, UUID id) throws SQLException {
        try (Connection connection = db.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, id);
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next(), sql);
                return row.getString(1);
            }
        }
    }

    private static RequestSpecification as(Staff staff) {
        return given().auth().oauth2(staff.token());
    }

    private static String log(TestSite site) {
        return "/api/v1/sites/" + site.id() + "/visits";
    }

    private static List<String> logIds(Staff desk, TestSite site, String q) {
        return as(desk).accept(ContentType.JSON).queryParam("q", q).get(log(site))
                .then().statusCode(200).extract().path("items.id");
    }

    private static List<String> siteIds(String q) {
        return given().auth().oauth2(Api.adminToken()).queryParam("q", q).queryParam("size", 200).get("/api/v1/sites")
                .then().statusCode(200).extract().path("items.id");
    }
}
