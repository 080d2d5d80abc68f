package vn.checkin.report;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The stored summary of one organization's sites for one local day. */
@Entity
@Table(name = "daily_report")
public class DailyReport {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String organization;

    @Column(name = "report_day", nullable = false)
    public LocalDate reportDay;

    @Column(name = "generated_at", nullable = false)
    public Instant generatedAt;

    @Column(name = "check_ins", nullable = false)
    public long checkIns;

    @Column(name = "unique_visitors", nullable = false)
    public long uniqueVisitors;

    @Column(nullable = false)
    public long flagged;

    @Column(name = "auto_closed", nullable = false)
    public long autoClosed;

    @Column(name = "silent_sites", nullable = false)
    public int silentSites;

    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "daily_report_site", joinColumns = @JoinColumn(name = "report_id"))
    public List<SiteRow> sites = new ArrayList<>();

    /** One site's counts that day. */
    @Embeddable
    public static class SiteRow {
        @Column(name = "site_id", nullable = false)
        public UUID siteId;
        @Column(name = "site_name", nullable = false)
        public String siteName;
        @Column(name = "check_ins", nullable = false)
        public long checkIns;
        @Column(name = "unique_visitors", nullable = false)
        public long uniqueVisitors;
        @Column(nullable = false)
        public long flagged;
        @Column(nullable = false)
        public long fever;
        @Column(nullable = false)
        public long symptoms;
        @Column(name = "close_contact", nullable = false)
        public long closeContact;
        @Column(name = "outbreak_area", nullable = false)
        public long outbreakArea;
        @Column(name = "auto_closed", nullable = false)
        public long autoClosed;
        @Column(name = "open_now", nullable = false)
        public long openNow;
        /** Active that day and without any check-in. */
        @Column(nullable = false)
        public boolean silent;
    }
}
