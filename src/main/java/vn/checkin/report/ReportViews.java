package vn.checkin.report;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What the reports API answers. */
public final class ReportViews {

    private ReportViews() {
    }

    public record Summary(LocalDate from, LocalDate to, List<SiteSummary> sites, Totals totals,
                          List<SiteRef> silentSites) {
    }

    /** One site over the period; {@code openNow} counts visits still open at the time of the report. */
    public record SiteSummary(UUID siteId, String siteName, long checkIns, long uniqueVisitors, long flagged,
                              FlagCounts flaggedByKind, long autoClosed, long openNow) {
    }

    public record Totals(long checkIns, long uniqueVisitors, long flagged, FlagCounts flaggedByKind,
                         long autoClosed, long openNow) {
    }

    public record FlagCounts(long fever, long symptoms, long closeContact, long outbreakArea) {

        FlagCounts plus(FlagCounts other) {
            return new FlagCounts(fever + other.fever, symptoms + other.symptoms, closeContact + other.closeContact,
                    outbreakArea + other.outbreakArea);
        }
    }

    public record SiteRef(UUID siteId, String siteName) {
    }
}
