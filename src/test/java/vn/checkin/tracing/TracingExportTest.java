package vn.checkin.tracing;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import io.quarkus.test.junit.QuarkusTest;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import vn.checkin.support.Api;
import vn.checkin.support.Api.Staff;
import vn.checkin.support.Api.TestSite;
import vn.checkin.support.Visits.TestVisit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static vn.checkin.support.Visits.visit;

/**
 * Exports of a stored tracing query as CSV, XLSX and PDF. Each test places a case and its contacts at exact times
 * on its own day of August 2025, at a site it creates, and reads the file back with a real parser; expected
 * values come from the visits the test stored.
 */
@QuarkusTest
class TracingExportTest {

    private static final String QUERIES = "/api/v1/tracing/queries";
    private static final String XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final ZoneId SITE_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final String VIETNAMESE_NAME = "Nguyễn Thị Ánh Tuyết";
    private static final String COMMAND_FORMULA_NAME = "=cmd|' /C calc'!A0";
    private static final String SUM_FORMULA_NAME = "+SUM(1)";
    private static final String AUTO_CLOSED_NAME = "Phạm Minh Đức";
    private static final int LARGE_CONTACT_COUNT = 1_500;

    private static LargeExport largeExport;

    // --- CSV ---------------------------------------------------------------------------------------------------

    @Test
    void csvStartsWithBomAndHasAHeaderAndOneRowPerCaseVisitAndContact() {
        Traced traced = tracedDay("2025-08-04");

        byte[] body = export(traced.tracer(), traced.queryId(), "csv")
                .then().statusCode(200)
                .header("Content-Type", startsWith("text/csv"))
                .header("Content-Disposition", containsString("tracing-" + traced.queryId() + ".csv"))
                .extract().asByteArray();

        assertThat(Arrays.copyOf(body, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        Table csv = Table.ofCsv(body);
        assertThat(csv.header()).contains("Level", "Name", "Phone", "In", "Out", "Minutes", "Visit");
        assertThat(csv.column("Visit")).containsExactlyInAnyOrderElementsOf(traced.allVisitIds());
        assertThat(csv.row(traced.caseVisit().id()).get("Level")).isEqualTo("CASE");
        traced.contacts().forEach(c -> assertThat(csv.row(c.visit().id()).get("Level")).isEqualTo("F1"));
    }

    @Test
    void csvKeepsVietnameseNamesAndNeutralisesFormulaLookingCells() {
        Traced traced = tracedDay("2025-08-05");

        Table csv = Table.ofCsv(exportBytes(traced.tracer(), traced.queryId(), "csv"));

        assertThat(csv.row(traced.contact(VIETNAMESE_NAME).visit().id()).get("Name")).isEqualTo(VIETNAMESE_NAME);
        assertThat(csv.row(traced.contact(COMMAND_FORMULA_NAME).visit().id()).get("Name"))
                .isEqualTo("'" + COMMAND_FORMULA_NAME);
        assertThat(csv.row(traced.contact(SUM_FORMULA_NAME).visit().id()).get("Name"))
                .isEqualTo("'" + SUM_FORMULA_NAME);
        assertThat(csv.allCells()).noneMatch(cell -> !cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0);
    }

    @Test
    void csvShowsLocalPhonesSiteTimesOverlapMinutesAndAutoClosedStays() {
        Traced traced = tracedDay("2025-08-06");

        Table csv = Table.ofCsv(exportBytes(traced.tracer(), traced.queryId(), "csv"));

        for (Contact contact : traced.contacts()) {
            Map<String, String> row = csv.row(contact.visit().id());
            assertThat(row.get("Phone")).as(contact.name()).isEqualTo(contact.localPhone()).matches("0\\d{9}");
            assertThat(localDateTime(row.get("In"))).isEqualTo(siteTime(contact.visit().checkedInAt()));
            assertThat(localDateTime(row.get("Out"))).isEqualTo(siteTime(contact.visit().checkedOutAt()));
            assertThat(row.get("Minutes")).as(contact.name())
                    .isEqualTo(String.valueOf(overlapMinutes(traced.caseVisit(), contact.visit())));
            assertThat(row.get("Auto-closed")).as(contact.name())
                    .isEqualTo(String.valueOf(contact.name().equals(AUTO_CLOSED_NAME)));
        }
    }

    // --- XLSX --------------------------------------------------------------------------------------------------

    @Test
    void xlsxHasAHeaderRowAndOneRowPerCaseVisitAndContact() throws IOException {
        Traced traced = tracedDay("2025-08-07");

        byte[] body = export(traced.tracer(), traced.queryId(), "xlsx")
                .then().statusCode(200)
                .contentType(XLSX_MEDIA_TYPE)
                .extract().asByteArray();

        Table sheet = Table.ofXlsx(body);
        assertThat(sheet.header()).contains("Level", "Name", "Phone", "In", "Out", "Minutes", "Visit");
        assertThat(sheet.column("Visit")).containsExactlyInAnyOrderElementsOf(traced.allVisitIds());
        assertThat(sheet.row(traced.caseVisit().id()).get("Level")).isEqualTo("CASE");
        for (Contact contact : traced.contacts()) {
            Map<String, String> row = sheet.row(contact.visit().id());
            assertThat(row.get("Level")).isEqualTo("F1");
            assertThat(row.get("Phone")).isEqualTo(contact.localPhone());
            assertThat(new BigDecimal(row.get("Minutes")).longValueExact())
                    .isEqualTo(overlapMinutes(traced.caseVisit(), contact.visit()));
        }
        assertThat(sheet.row(traced.contact(VIETNAMESE_NAME).visit().id()).get("Name")).isEqualTo(VIETNAMESE_NAME);
    }

    @Test
    void xlsxInAndOutAreDateCellsInTheSitesTimeAndFormulaNamesStayText() throws IOException {
        Traced traced = tracedDay("2025-08-08");

        byte[] body = exportBytes(traced.tracer(), traced.queryId(), "xlsx");

        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(body),
                new ReadingOptions(true, false))) {
            List<Row> rows = workbook.getFirstSheet().read();
            Map<String, Integer> columns = columnsOf(rows.get(0));
            Map<String, Row> byVisit = rows.subList(1, rows.size()).stream()
                    .collect(Collectors.toMap(r -> r.getCellText(columns.get("Visit")), Function.identity()));
            for (TestVisit visit : traced.allVisits()) {
                Row row = byVisit.get(visit.id());
                assertDateCell(row.getCell(columns.get("In")), siteTime(visit.checkedInAt()));
                assertDateCell(row.getCell(columns.get("Out")), siteTime(visit.checkedOutAt()));
            }
            for (String formulaName : List.of(COMMAND_FORMULA_NAME, SUM_FORMULA_NAME)) {
                Cell name = byVisit.get(traced.contact(formulaName).visit().id()).getCell(columns.get("Name"));
                assertThat(name.getType()).as(formulaName).isEqualTo(CellType.STRING);
                assertThat(name.getFormula()).as(formulaName).isNull();
                assertThat(name.getText()).endsWith(formulaName);
            }
        }
    }

    // --- PDF ---------------------------------------------------------------------------------------------------

    @Test
    void pdfShowsTitleVietnameseContactReasonAndOfficer() throws IOException {
        Traced traced = tracedDay("2025-08-11");

        byte[] pdf = export(traced.tracer(), traced.queryId(), "pdf")
                .then().statusCode(200)
                .contentType("application/pdf")
                .extract().asByteArray();

        // Kept for people to look at (pdftoppm), like the pages' screenshots.
        java.nio.file.Path kept = java.nio.file.Path.of("target", "exports", "tracing.pdf");
        java.nio.file.Files.createDirectories(kept.getParent());
        java.nio.file.Files.write(kept, pdf);
        String page = new PdfTextExtractor(new PdfReader(pdf)).getTextFromPage(1);
        assertThat(page).contains("DANH SÁCH", VIETNAMESE_NAME, AUTO_CLOSED_NAME, traced.reason(),
                traced.tracer().username(), "Qua / Via");
    }

    // --- Requests that are refused -----------------------------------------------------------------------------

    @Test
    void unknownFormatIsBadRequest() {
        Traced traced = tracedDay("2025-08-12");

        export(traced.tracer(), traced.queryId(), "doc")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("format"));
    }

    @Test
    void unknownQueryIsNotFound() {
        export(Api.tracer(), UUID.randomUUID().toString(), "csv")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void tracerCannotExportAnotherTracersQuery() {
        Traced traced = tracedDay("2025-08-13");

        export(Api.tracer(), traced.queryId(), "csv")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void receptionCannotExportEvenForTheSiteOfTheContacts() {
        Traced traced = tracedDay("2025-08-14");

        export(Api.reception(traced.site().id()), traced.queryId(), "csv")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void exportWithoutTokenIsUnauthorized() {
        Traced traced = tracedDay("2025-08-15");

        given().get(exportPath(traced.queryId(), "csv"))
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void administratorCanExportAnyTracersQuery() {
        Traced traced = tracedDay("2025-08-18");

        byte[] body = given().auth().oauth2(Api.adminToken()).get(exportPath(traced.queryId(), "csv"))
                .then().statusCode(200).header("Content-Type", startsWith("text/csv"))
                .extract().asByteArray();

        assertThat(Table.ofCsv(body).column("Visit")).containsExactlyInAnyOrderElementsOf(traced.allVisitIds());
    }

    // --- Large exports: rows are read in chunks of 500 ---------------------------------------------------------

    @Test
    void largeCsvExportHasEveryContactExactlyOnce() {
        LargeExport large = largeExport();

        Table csv = Table.ofCsv(exportBytes(large.tracer(), large.queryId(), "csv"));

        assertThat(csv.rows()).hasSize(1 + LARGE_CONTACT_COUNT);
        assertThat(csv.rowsAt("Level", "CASE")).extracting(r -> r.get("Visit")).containsExactly(large.caseVisitId());
        List<Map<String, String>> f1 = csv.rowsAt("Level", "F1");
        assertThat(f1).extracting(r -> r.get("Visit")).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(large.minutesByContact().keySet());
        assertThat(f1).allSatisfy(r -> assertThat(Long.parseLong(r.get("Minutes")))
                .isEqualTo(large.minutesByContact().get(r.get("Visit"))));
    }

    @Test
    void largeXlsxExportHasEveryContactExactlyOnce() throws IOException {
        LargeExport large = largeExport();

        Table sheet = Table.ofXlsx(exportBytes(large.tracer(), large.queryId(), "xlsx"));

        assertThat(sheet.rows()).hasSize(1 + LARGE_CONTACT_COUNT);
        assertThat(sheet.rowsAt("Level", "CASE")).extracting(r -> r.get("Visit"))
                .containsExactly(large.caseVisitId());
        assertThat(sheet.rowsAt("Level", "F1")).extracting(r -> r.get("Visit")).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(large.minutesByContact().keySet());
    }

    // --- Fixtures ----------------------------------------------------------------------------------------------

    private record Contact(String name, String localPhone, TestVisit visit) {
    }

    /** A stored query of a case (two hours on site) and four F1 contacts, run by its own tracer. */
    private record Traced(Staff tracer, TestSite site, String reason, String queryId, TestVisit caseVisit,
                          List<Contact> contacts) {

        Contact contact(String name) {
            return contacts.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
        }

        List<TestVisit> allVisits() {
            List<TestVisit> visits = new ArrayList<>(List.of(caseVisit));
            contacts.forEach(c -> visits.add(c.visit()));
            return visits;
        }

        List<String> allVisitIds() {
            return allVisits().stream().map(TestVisit::id).toList();
        }
    }

    private static Traced tracedDay(String day) {
        TestSite site = Api.createSite();
        String casePhone = Api.randomPhone();
        TestVisit caseVisit = visit(site, casePhone).named("Lê Văn Ca")
                .from(day + "T01:00:00Z").to(day + "T03:00:00Z");
        List<Contact> contacts = List.of(
                contact(site, VIETNAMESE_NAME, day, "01:30", "02:15", false),
                contact(site, COMMAND_FORMULA_NAME, day, "02:00", "04:00", false),
                contact(site, SUM_FORMULA_NAME, day, "00:30", "01:20", false),
                contact(site, AUTO_CLOSED_NAME, day, "02:40", "05:00", true));
        Staff tracer = Api.tracer();
        String reason = Api.unique("Ca bệnh BN");
        return new Traced(tracer, site, reason, runQuery(tracer, casePhone, day, reason), caseVisit, contacts);
    }

    /** A contact whose phone is stored from its international spelling, so the export must show it as 0xxxxxxxxx. */
    private static Contact contact(TestSite site, String name, String day, String inUtc, String outUtc,
                                   boolean autoClosed) {
        String localPhone = Api.randomPhone();
        var builder = visit(site, "+84 " + localPhone.substring(1)).named(name).from(day + "T" + inUtc + ":00Z");
        String out = day + "T" + outUtc + ":00Z";
        return new Contact(name, localPhone, autoClosed ? builder.autoClosedAt(out) : builder.to(out));
    }

    private record LargeExport(Staff tracer, String queryId, String caseVisitId, Map<String, Long> minutesByContact) {
    }

    /**
     * One case and {@value #LARGE_CONTACT_COUNT} contacts arriving a second apart (so their overlaps differ), built
     * once for the large-export tests whichever runs first; the tests only read it.
     */
    private static synchronized LargeExport largeExport() {
        if (largeExport == null) {
            String day = "2025-08-20";
            TestSite site = Api.createSite();
            String casePhone = "08" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
            TestVisit caseVisit = visit(site, casePhone).from(day + "T01:00:00Z").to(day + "T05:00:00Z");
            int phonePrefix = ThreadLocalRandom.current().nextInt(10_000);
            Map<String, Long> minutesByContact = new HashMap<>();
            for (int i = 0; i < LARGE_CONTACT_COUNT; i++) {
                String phone = "09" + String.format("%04d%04d", phonePrefix, i);
                Instant arrival = caseVisit.checkedInAt().plusSeconds(i);
                TestVisit contact = visit(site, phone).from(arrival.toString()).to(day + "T06:00:00Z");
                minutesByContact.put(contact.id(), overlapMinutes(caseVisit, contact));
            }
            Staff tracer = Api.tracer();
            String queryId = runQuery(tracer, casePhone, day, Api.unique("Ổ dịch lớn"));
            largeExport = new LargeExport(tracer, queryId, caseVisit.id(), Map.copyOf(minutesByContact));
        }
        return largeExport;
    }

    private static String runQuery(Staff tracer, String casePhone, String day, String reason) {
        return Api.traceDay(tracer, casePhone, day, reason).getString("id");
    }

    // --- Helpers -----------------------------------------------------------------------------------------------

    private static String exportPath(String queryId, String format) {
        return QUERIES + "/" + queryId + "/export?format=" + format;
    }

    private static io.restassured.response.Response export(Staff caller, String queryId, String format) {
        return given().auth().oauth2(caller.token()).get(exportPath(queryId, format));
    }

    private static byte[] exportBytes(Staff caller, String queryId, String format) {
        return export(caller, queryId, format).then().statusCode(200).extract().asByteArray();
    }

    private static long overlapMinutes(TestVisit caseVisit, TestVisit contact) {
        Instant start = max(caseVisit.checkedInAt(), contact.checkedInAt());
        Instant end = min(caseVisit.checkedOutAt(), contact.checkedOutAt());
        return Duration.between(start, end).toMinutes();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDateTime siteTime(Instant at) {
        return LocalDateTime.ofInstant(at, SITE_ZONE);
    }

    /** A local date-time as written in a CSV cell, with a space or a {@code T} between date and time. */
    private static LocalDateTime localDateTime(String cell) {
        return LocalDateTime.parse(cell.replace(' ', 'T'));
    }

    private static void assertDateCell(Cell cell, LocalDateTime expected) {
        assertThat(cell.getType()).as("cell %s", cell.getAddress()).isEqualTo(CellType.NUMBER);
        assertThat(cell.getDataFormatString()).as("format of %s", cell.getAddress()).containsIgnoringCase("yy");
        assertThat(cell.asDate()).as("date of %s", cell.getAddress()).isEqualTo(expected);
    }

    /** Columns by the English part of their bilingual header ({@code "Họ tên / Name"} is {@code Name}). */
    private static Map<String, Integer> columnsOf(Row header) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int c = 0; c < header.getCellCount(); c++) {
            columns.put(englishLabel(header.getCellText(c)), c);
        }
        return columns;
    }

    private static String englishLabel(String header) {
        int slash = header.lastIndexOf(" / ");
        return slash < 0 ? header.strip() : header.substring(slash + 3).strip();
    }

    /** An export read back: a header row, then rows as maps from the English column label to the cell text. */
    private record Table(List<String> header, List<Map<String, String>> rows) {

        static Table ofCsv(byte[] body) {
            String text = new String(body, StandardCharsets.UTF_8);
            assertThat(text).startsWith("\uFEFF");
            return of(Rfc4180.parse(text.substring(1)));
        }

        static Table ofXlsx(byte[] body) throws IOException {
            try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(body))) {
                List<List<String>> records = new ArrayList<>();
                for (Row row : workbook.getFirstSheet().read()) {
                    List<String> cells = new ArrayList<>();
                    for (int c = 0; c < row.getCellCount(); c++) {
                        cells.add(row.getCellText(c));
                    }
                    records.add(cells);
                }
                return of(records);
            }
        }

        private static Table of(List<List<String>> records) {
            assertThat(records).as("header row").isNotEmpty();
            List<String> header = records.get(0).stream().map(TracingExportTest::englishLabel).toList();
            List<Map<String, String>> rows = new ArrayList<>();
            for (List<String> record : records.subList(1, records.size())) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int c = 0; c < header.size(); c++) {
                    row.put(header.get(c), c < record.size() ? record.get(c) : "");
                }
                rows.add(row);
            }
            return new Table(header, rows);
        }

        List<String> column(String label) {
            return rows.stream().map(r -> r.get(label)).toList();
        }

        Map<String, String> row(String visitId) {
            List<Map<String, String>> matching = rowsAt("Visit", visitId);
            assertThat(matching).as("rows of visit " + visitId).hasSize(1);
            return matching.get(0);
        }

        List<Map<String, String>> rowsAt(String label, String value) {
            return rows.stream().filter(r -> value.equals(r.get(label))).toList();
        }

        List<String> allCells() {
            List<String> cells = new ArrayList<>(header);
            rows.forEach(r -> cells.addAll(r.values()));
            return cells;
        }
    }

    /** A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes; fails on malformed input. */
    static final class Rfc4180 {

        private Rfc4180() {
        }

        static List<List<String>> parse(String text) {
            List<List<String>> records = new ArrayList<>();
            List<String> record = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            int i = 0;
            while (i < text.length()) {
                char ch = text.charAt(i);
                if (ch == '"' && field.isEmpty()) {
                    i = quoted(text, i + 1, field);
                    continue;
                }
                if (ch == ',') {
                    record.add(field.toString());
                    field.setLength(0);
                } else if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    record.add(field.toString());
                    field.setLength(0);
                    records.add(record);
                    record = new ArrayList<>();
                    i++;
                } else if (ch == '"' || ch == '\r' || ch == '\n') {
                    throw new AssertionError("unquoted " + (int) ch + " at offset " + i);
                } else {
                    field.append(ch);
                }
                i++;
            }
            if (!field.isEmpty() || !record.isEmpty()) {
                throw new AssertionError("the last record does not end with CRLF");
            }
            Set<Integer> widths = records.stream().map(List::size).collect(Collectors.toSet());
            assertThat(widths).as("every record has the header's number of fields").hasSizeLessThanOrEqualTo(1);
            return records;
        }

        /** Reads a quoted field starting after its opening quote; returns the offset after the closing quote. */
        private static int quoted(String text, int from, StringBuilder field) {
            int i = from;
            while (i < text.length()) {
                char ch = text.charAt(i);
                if (ch == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    int next = i + 1;
                    if (next < text.length() && text.charAt(next) != ',' && text.charAt(next) != '\r') {
                        throw new AssertionError("text after a closing quote at offset " + next);
                    }
                    return next;
                }
                field.append(ch);
                i++;
            }
            throw new AssertionError("unterminated quoted field from offset " + from);
        }
    }
}
