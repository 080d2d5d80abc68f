package vn.checkin.security;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import vn.checkin.report.DailyReport;
import vn.checkin.report.DailyReports;
import vn.checkin.support.Api;
import vn.checkin.support.Http;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import static vn.checkin.security.AccessRules.Role;

/**
 * The data the access matrix fills path parameters with: site A and its reception, site B and its reception, a
 * tracer with a stored query, a visitor's visit at site A with its checkout token, a user, a daily report.
 */
final class AccessFixture {

    final Api.TestSite siteA;
    final Api.TestSite siteB;
    final Api.Staff receptionA;
    final Api.Staff receptionB;
    final Api.Staff tracer;
    final String visitId;
    final String checkoutToken;
    final String visitorPhone;
    final String queryId;
    final String userId;
    final String dailyReportId;
    final String kioskTokenA;

    private AccessFixture() {
        siteA = Api.createSite();
        siteB = Api.createSite();
        receptionA = Api.reception(siteA.id());
        receptionB = Api.reception(siteB.id());
        tracer = Api.tracer();
        visitorPhone = Api.randomPhone();
        var visit = Api.checkin(siteA, "Lê Văn Khách", visitorPhone);
        visitId = visit.path("visitId");
        checkoutToken = visit.path("checkoutToken");
        queryId = Api.traceDay(tracer, visitorPhone, LocalDate.now().toString(), "Ca bệnh thử nghiệm").getString("id");
        userId = Api.createStaff(java.util.List.of("TRACER"), java.util.List.of()).id();
        dailyReportId = storeDailyReport();
        kioskTokenA = Api.enrolKiosk(siteA.id(), Api.adminToken()).getString("kioskToken");
    }

    static AccessFixture create() {
        return new AccessFixture();
    }

    String tokenOf(Role role) {
        return switch (role) {
            case ANONYMOUS, VISITOR -> null;
            case RECEPTION_A -> receptionA.token();
            case RECEPTION_B -> receptionB.token();
            case TRACER -> tracer.token();
            case ADMIN -> Api.adminToken();
            case KIOSK_A -> kioskTokenA;
        };
    }

    /** A token of a new login of the role's user, for a call that ends its own session (logout). */
    String freshTokenOf(Role role) {
        return switch (role) {
            case ANONYMOUS, VISITOR -> null;
            case RECEPTION_A -> Api.login(receptionA.username(), Api.STAFF_PASSWORD);
            case RECEPTION_B -> Api.login(receptionB.username(), Api.STAFF_PASSWORD);
            case TRACER -> Api.login(tracer.username(), Api.STAFF_PASSWORD);
            case ADMIN -> Api.login("admin", Api.ADMIN_PASSWORD);
            case KIOSK_A -> kioskTokenA;
        };
    }

    /** The path with its parameters replaced by this fixture's ids. */
    String fill(String path) {
        String id = path.startsWith("/api/v1/users/") ? userId
                : path.startsWith("/api/v1/tracing/queries/") ? queryId
                : path.startsWith("/api/v1/reports/daily/") ? dailyReportId
                : siteA.id();
        if (path.contains("{kioskId}")) {
            path = path.replace("{kioskId}", Api.enrolKiosk(siteA.id(), Api.adminToken()).getString("id"));
        }
        return path.replace("{id}", id).replace("{siteId}", siteA.id()).replace("{visitId}", visitId)
                .replace("{siteCode}", siteA.code());
    }

    /** Site A's check-in URL now: the matrix rotates its code on the way. */
    String currentCheckinUrlOfA() {
        return Http.asAdmin().get("/api/v1/sites/{id}", siteA.id()).then().statusCode(200)
                .extract().path("checkinUrl");
    }

    private static String storeDailyReport() {
        DailyReport report = new DailyReport();
        report.id = UUID.randomUUID();
        report.organization = Api.unique("Sở Y tế");
        report.reportDay = LocalDate.of(2021, 3, 4);
        report.generatedAt = Instant.parse("2021-03-05T00:15:00Z");
        DailyReports reports = Arc.container().instance(DailyReports.class).get();
        QuarkusTransaction.requiringNew().run(() -> reports.persist(report));
        return report.id.toString();
    }

    Map<String, Object> checkinBody() {
        return Api.checkinBody(currentCheckinUrlOfA(), "Phạm Thị Ma Trận", Api.randomPhone());
    }
}
