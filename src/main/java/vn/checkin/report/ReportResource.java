package vn.checkin.report;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.checkin.auth.CurrentUser;
import vn.checkin.auth.Roles;
import vn.checkin.common.Csv;
import vn.checkin.common.Days;
import vn.checkin.common.PageResponse;
import vn.checkin.visit.RiskFlag;
import vn.checkin.visit.VisitCsv;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;

import static vn.checkin.report.ReportViews.Summary;

@Path("/api/v1/reports")
@Tag(name = "Reports", description = "How the check-in rule is carried out, for the department and the province")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.ADMIN, Roles.TRACER, Roles.RECEPTION})
public class ReportResource {

    private static final int MAX_CSV_ROWS = 100_000;

    private final ReportService reports;
    private final DailyReports daily;
    private final CurrentUser user;
    private final Clock clock;

    ReportResource(ReportService reports, DailyReports daily, CurrentUser user, Clock clock) {
        this.reports = reports;
        this.daily = daily;
        this.user = user;
        this.clock = clock;
    }

    @GET
    @Path("/summary")
    @Produces({MediaType.APPLICATION_JSON, "application/pdf"})
    @Operation(summary = "Summary of a period", description = "Check-ins, unique visitors, flagged declarations by "
            + "kind, auto-closed visits and visitors on site now, per site and in total, and the active sites without "
            + "any check-in. Days are local to each site. Reception staff see their own sites. format=pdf for an A4 "
            + "PDF in Vietnamese; Accept: text/csv for CSV.")
    public Response summary(@QueryParam("from") String from, @QueryParam("to") String to,
                            @QueryParam("format") @Pattern(regexp = "json|pdf") String format) {
        ReportPeriod period = ReportPeriod.parse(from, to);
        if ("pdf".equals(format)) {
            Summary summary = reports.summary(period, user.visibleSites(), "pdf");
            String by = user.username();
            StreamingOutput body = out -> SummaryFiles.pdf(summary, by, clock.instant(), out);
            return file(body, "application/pdf", "report-" + from + "-" + to + ".pdf");
        }
        return Response.ok(reports.summary(period, user.visibleSites(), "json"), MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @GET
    @Path("/summary")
    @Produces("text/csv")
    @Operation(summary = "Summary of a period as CSV", description = "UTF-8 with BOM, one row per site and a total.")
    public Response summaryCsv(@QueryParam("from") String from, @QueryParam("to") String to) {
        Summary summary = reports.summary(ReportPeriod.parse(from, to), user.visibleSites(), "csv");
        StreamingOutput body = out -> SummaryFiles.csv(summary,
                new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)));
        return file(body, Csv.MEDIA_TYPE, "report-" + from + "-" + to + ".csv");
    }

    @GET
    @Path("/declarations")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Risky declarations of a period", description = "The visits whose declaration raised the "
            + "flag (FEVER, SYMPTOMS, CLOSE_CONTACT, OUTBREAK_AREA; any flag when omitted), newest first, with the "
            + "visitor's contact and site, paged like the day log. Accept: text/csv for CSV (up to 100,000 rows).")
    public Response declarations(@QueryParam("from") String from, @QueryParam("to") String to,
                                 @QueryParam("flag") RiskFlag flag,
                                 @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                 @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        ReportService.Declarations found = reports.declarations(ReportPeriod.parse(from, to), flag,
                user.visibleSites(), page, size, "json");
        return Response.ok(found.page()).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @GET
    @Path("/declarations")
    @Produces("text/csv")
    @Operation(summary = "Risky declarations as CSV", description = "UTF-8 with BOM, formula cells neutralised.")
    public Response declarationsCsv(@QueryParam("from") String from, @QueryParam("to") String to,
                                    @QueryParam("flag") RiskFlag flag) {
        ReportService.Declarations found = reports.declarations(ReportPeriod.parse(from, to), flag,
                user.visibleSites(), 0, MAX_CSV_ROWS, "csv");
        StreamingOutput body = out -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            VisitCsv.write(new Csv(writer), v -> found.zones().get(v.siteId()), found.page().items());
            writer.flush();
        };
        return file(body, Csv.MEDIA_TYPE, "declarations-" + from + "-" + to + ".csv");
    }

    @GET
    @Path("/daily")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.TRACER})
    @Operation(summary = "Stored daily reports", description = "One per organization and local day, produced after "
            + "each day ends. Filter by organization and days (from, to), newest first.")
    public PageResponse<DailyReports.DailyReportView> daily(@QueryParam("organization") String organization,
                                                             @QueryParam("from") String from,
                                                             @QueryParam("to") String to,
                                                             @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                                             @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200)
                                                             int size) {
        return daily.list(organization, Days.optional(from, "from"), Days.optional(to, "to"), page, size);
    }

    @GET
    @Path("/daily/{id}")
    @Produces({MediaType.APPLICATION_JSON, "application/pdf"})
    @RolesAllowed({Roles.ADMIN, Roles.TRACER})
    @Operation(summary = "A stored daily report", description = "Same shape as the summary; format=pdf for the A4 "
            + "PDF, Accept: text/csv for CSV.")
    public Response dailyReport(@PathParam("id") UUID id, @QueryParam("format") @Pattern(regexp = "json|pdf") String format) {
        if ("pdf".equals(format)) {
            Summary summary = daily.get(id, "pdf");
            String by = user.username();
            StreamingOutput body = out -> SummaryFiles.pdf(summary, by, clock.instant(), out);
            return file(body, "application/pdf", "daily-report-" + summary.from() + ".pdf");
        }
        return Response.ok(daily.get(id, "json"), MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @GET
    @Path("/daily/{id}")
    @Produces("text/csv")
    @RolesAllowed({Roles.ADMIN, Roles.TRACER})
    @Operation(summary = "A stored daily report as CSV")
    public Response dailyReportCsv(@PathParam("id") UUID id) {
        Summary summary = daily.get(id, "csv");
        StreamingOutput body = out -> SummaryFiles.csv(summary,
                new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)));
        return file(body, Csv.MEDIA_TYPE, "daily-report-" + summary.from() + ".csv");
    }

    private static Response file(StreamingOutput body, String mediaType, String name) {
        return Response.ok(body, mediaType)
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }
}
