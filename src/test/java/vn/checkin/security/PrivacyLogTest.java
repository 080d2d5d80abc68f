package vn.checkin.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.jboss.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.checkin.support.Api;
import vn.checkin.support.Http;
import vn.checkin.support.Visits;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Personal data never reaches the log: every record written while a visitor checks in, staff enter a visitor,
 * a tracer runs and exports a query, and logins and tokens fail is captured from the root logger and searched
 * for the phone (as typed and normalised), the ID number, the tokens, the password and the declaration's text.
 * Personal answers also carry {@code Cache-Control: no-store}.
 */
@QuarkusTest
class PrivacyLogTest {

    private static final Logger LOG = Logger.getLogger(PrivacyLogTest.class);

    private final List<String> captured = Collections.synchronizedList(new ArrayList<>());
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringBuilder text = new StringBuilder(record.getLoggerName() + " ");
            text.append(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                text.append(' ').append(trace);
            }
            captured.add(text.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        handler.setLevel(Level.ALL);
        java.util.logging.Logger.getLogger("").addHandler(handler);
    }

    @AfterEach
    void release() {
        java.util.logging.Logger.getLogger("").removeHandler(handler);
    }

    @Test
    void noPersonalDataInTheLog() {
        Api.TestSite site = Api.createSite();
        String digits = String.valueOf(900_000_000L + (long) (Math.random() * 99_999_999L));
        String typedPhone = "0" + digits;
        String idNumber = Visits.randomIdNumber();
        String declarationText = "Khu phố Bí Mật " + Api.unique("x");
        String staffPhone = Api.randomPhone();
        String staffIdNumber = Visits.randomIdNumber();
        LOG.info("privacy-test: capture started");

        Map<String, Object> body = Api.checkinBody(site.checkinUrl(), "Nguyễn Thị Riêng Tư", typedPhone);
        visitor(body).put("idNumber", idNumber);
        declaration(body).put("visitedOutbreakArea", true);
        declaration(body).put("outbreakAreaDetails", declarationText);
        ExtractableResponse<Response> visit = Http.anonymous().body(body).post("/api/v1/checkins")
                .then().statusCode(201).header("Cache-Control", equalTo("no-store")).extract();
        String checkoutToken = visit.path("checkoutToken");
        // Invalid inputs carrying personal data: their errors must not quote it either.
        Map<String, Object> invalid = Api.checkinBody(site.checkinUrl(), "Nguyễn Thị Riêng Tư", typedPhone);
        visitor(invalid).put("idNumber", idNumber + "99");
        Http.anonymous().body(invalid).post("/api/v1/checkins").then().statusCode(400);
        Http.anonymous().body(Map.of("checkoutToken", checkoutToken + "x"))
                .post("/api/v1/checkins/{id}/checkout", visit.path("visitId").toString()).then().statusCode(403);

        Map<String, Object> staffBody = new LinkedHashMap<>(Api.checkinBody(null, "Trần Văn Quầy", staffPhone));
        staffBody.remove("qr");
        visitor(staffBody).put("idNumber", staffIdNumber);
        Http.asAdmin().body(staffBody).post("/api/v1/sites/{id}/visits", site.id()).then().statusCode(201)
                .header("Cache-Control", equalTo("no-store"));

        Api.Staff tracer = Api.tracer();
        String queryId = Api.traceDay(tracer, typedPhone, java.time.LocalDate.now().toString(), "Ca F0 riêng")
                .getString("id");
        Http.as(tracer.token()).get("/api/v1/tracing/queries/{id}/export?format=csv", queryId)
                .then().statusCode(200).header("Cache-Control", equalTo("no-store"));

        String wrongPassword = "sai-mat-khau-" + Api.unique("p");
        Http.anonymous().body(Map.of("username", tracer.username(), "password", wrongPassword))
                .post("/api/v1/auth/token").then().statusCode(401);
        String forged = tracer.token().substring(0, tracer.token().length() - 4) + "AAAA";
        Http.as(forged).get("/api/v1/tracing/queries/{id}", queryId).then().statusCode(401);
        String today = java.time.LocalDate.now().toString();
        Http.as(tracer.token()).queryParam("from", today).queryParam("to", today).queryParam("flag", "OUTBREAK_AREA")
                .get("/api/v1/reports/declarations").then().statusCode(200).header("Cache-Control", equalTo("no-store"));
        LOG.info("privacy-test: capture ended");

        String log = String.join("\n", captured);
        assertThat(log).as("the capture works").contains("privacy-test: capture started", "privacy-test: capture ended");
        assertThat(log).doesNotContain(digits, "84" + digits, idNumber, staffIdNumber, staffPhone.substring(1),
                declarationText, checkoutToken, tracer.token(), forged.substring(forged.length() - 40),
                Api.STAFF_PASSWORD, wrongPassword, Api.adminToken().substring(Api.adminToken().length() - 40));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> visitor(Map<String, Object> body) {
        return (Map<String, Object>) body.get("visitor");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> declaration(Map<String, Object> body) {
        return (Map<String, Object>) body.get("declaration");
    }
}
