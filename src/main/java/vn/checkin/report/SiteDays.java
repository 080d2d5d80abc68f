package vn.checkin.report;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import vn.checkin.common.ClusteredJob;
import vn.checkin.site.Site;
import vn.checkin.site.SiteRepository;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A period's figures per site, from the stored figures of its ended days where they are valid and from the visits
 * otherwise. An ended day read from the visits is stored for the next report (the daily report stores each ended
 * day's), so a month over a thousand sites reads some 31,000 small rows instead of every visit. Today, in the
 * site's own zone, and later days are always read from the visits. A stored day counts unless it is marked stale
 * and only with its site's current report version; both are read before any visit, and new figures are stored
 * only over the day version read then, so figures of visits that changed meanwhile are never stored
 * (V10__report_site_day.sql).
 */
@ApplicationScoped
class SiteDays implements ClusteredJob {

    /** Ended days kept stored by {@link #storeRecentDays}: a month's report, whatever the month's length. */
    static final int RECENT_DAYS = 31;
    /**
     * An ended day is stored only this long after its end. The database marks a stored day stale when its visits
     * change (V14), but only for visits that arrived more than {@link ReportDayTrigger#MARGIN} ago, so that live
     * check-ins and checkouts never pay for it: a day stored this late has no such visits.
     */
    static final Duration STORE_AFTER = Duration.ofHours(1);

    private static final Logger LOG = Logger.getLogger(SiteDays.class);

    private final ReportQueries queries;
    private final SiteRepository sites;
    private final Clock clock;
    private final String every;

    SiteDays(ReportQueries queries, SiteRepository sites, Clock clock,
             @ConfigProperty(name = "checkin.ops.report-days-every") String every) {
        this.queries = queries;
        this.sites = sites;
        this.clock = clock;
        this.every = every;
    }

    @Override
    public String jobName() {
        return "report-days";
    }

    @Override
    public Optional<Schedule> schedule() {
        return Schedule.every(every, Duration.ofMinutes(1));
    }

    @Override
    public void run() {
        scheduled();
    }

    void scheduled() {
        long started = System.nanoTime();
        storeRecentDays(clock.instant());
        LOG.debugf("Stored report days in %d ms", (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Stores the figures of every site's last {@value #RECENT_DAYS} ended days, in its own time zone, where they are
     * missing or stale, one day per transaction (each reads at most that day's visits, of the sites that have
     * ended it). Replicas doing the same at once store the same figures.
     */
    public void storeRecentDays(Instant now) {
        List<LocalDate> lastEnded = QuarkusTransaction.requiringNew().call(() -> sites.listAll().stream()
                .map(site -> ReportPeriod.lastEndedDay(List.of(site), now)).distinct().sorted().toList());
        if (lastEnded.isEmpty()) {
            return;
        }
        LocalDate last = lastEnded.get(lastEnded.size() - 1);
        for (LocalDate day = lastEnded.get(0).minusDays(RECENT_DAYS - 1); !day.isAfter(last); day = day.plusDays(1)) {
            ReportPeriod period = new ReportPeriod(day, day);
            // Sites are read again in the day's transaction, with their report versions: a zone just changed counts.
            QuarkusTransaction.requiringNew().run(() -> tallies(period, sites.listAll().stream()
                    .filter(site -> isRecent(site, period.from(), now)).toList(), now));
        }
    }

    /** Whether {@code day} is one of the site's last {@value #RECENT_DAYS} ended days at {@code now}. */
    private static boolean isRecent(Site site, LocalDate day, Instant now) {
        LocalDate last = ReportPeriod.lastEndedDay(List.of(site), now);
        return !day.isAfter(last) && day.isAfter(last.minusDays(RECENT_DAYS));
    }

    /**
     * Per site, in the order given: the figures of the period's local days as they stand at {@code now}; a day
     * counts as ended once {@code now} is past its end in the site's own zone (call inside a transaction).
     */
    Map<UUID, SiteTally> tallies(ReportPeriod period, List<Site> sites, Instant now) {
        Map<UUID, SiteTally> tallies = new LinkedHashMap<>();
        sites.forEach(site -> tallies.put(site.id, new SiteTally()));
        if (sites.isEmpty()) {
            return tallies;
        }
        Map<UUID, Long> versions = queries.versions(tallies.keySet());
        Map<UUID, Set<LocalDate>> stored = new HashMap<>();
        Map<UUID, Map<LocalDate, Long>> dayVersions = new HashMap<>();
        queries.forEachStoredDay(period.from(), period.to(), tallies.keySet(), day -> {
            SiteTally tally = tallies.get(day.siteId());
            Long version = versions.get(day.siteId());
            if (tally == null || version == null) {
                return;
            }
            if (!day.stale() && version == day.siteVersion()) {
                tally.addStored(day.checkIns(), day.flagged(), day.flags(), day.autoClosed(), day.persons());
                stored.computeIfAbsent(day.siteId(), id -> new HashSet<>()).add(day.day());
            } else {
                dayVersions.computeIfAbsent(day.siteId(), id -> new HashMap<>()).put(day.day(), day.version());
            }
        });
        List<ReportQueries.StoredDay> toStore = new ArrayList<>();
        for (ReportPeriod.Range range : period.rangesOf(sites)) {
            LocalDate today = LocalDate.ofInstant(now, range.zone());
            endedDays(period, range, today, now, stored, new Versions(versions, dayVersions), tallies, toStore);
            if (!period.to().isBefore(today)) {
                LocalDate first = period.from().isAfter(today) ? period.from() : today;
                Set<UUID> ids = new HashSet<>(range.siteIds());
                queries.forEachVisit(first.atStartOfDay(range.zone()).toInstant(),
                        period.to().plusDays(1).atStartOfDay(range.zone()).toInstant(), ids,
                        (site, at, person, flagged, fever, symptoms, contact, outbreak, auto) -> {
                            if (ids.contains(site)) {
                                tallies.get(site).add(person, flagged, fever, symptoms, contact, outbreak, auto);
                            }
                        });
            }
        }
        queries.store(toStore);
        return tallies;
    }

    /** The ended days of one zone's sites that have no valid stored figures: read from the visits, kept to store. */
    private void endedDays(ReportPeriod period, ReportPeriod.Range range, LocalDate today, Instant now,
                           Map<UUID, Set<LocalDate>> stored, Versions versions, Map<UUID, SiteTally> tallies,
                           List<ReportQueries.StoredDay> toStore) {
        LocalDate lastEnded = period.to().isBefore(today) ? period.to() : today.minusDays(1);
        Map<UUID, List<LocalDate>> missing = new LinkedHashMap<>();
        LocalDate first = null;
        LocalDate last = null;
        for (UUID site : range.siteIds()) {
            Set<LocalDate> have = stored.getOrDefault(site, Set.of());
            for (LocalDate day = period.from(); !day.isAfter(lastEnded); day = day.plusDays(1)) {
                if (!have.contains(day)) {
                    missing.computeIfAbsent(site, id -> new ArrayList<>()).add(day);
                    first = first == null || day.isBefore(first) ? day : first;
                    last = last == null || day.isAfter(last) ? day : last;
                }
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        DayBuckets buckets = new DayBuckets(range.zone(), first, last, missing.keySet());
        queries.forEachVisit(buckets.start(), buckets.end(), missing.keySet(), buckets::add);
        Instant storable = now.minus(STORE_AFTER);
        missing.forEach((site, days) -> days.forEach(day -> {
            SiteTally figures = buckets.get(site, day);
            tallies.get(site).add(figures);
            if (day.plusDays(1).atStartOfDay(range.zone()).toInstant().isAfter(storable)) {
                return; // ended too recently: a change to it may not have marked it stale (ReportDayTrigger)
            }
            toStore.add(new ReportQueries.StoredDay(site, day, versions.site().get(site), versions.of(site, day), false,
                    figures.checkIns, figures.flagged, figures.flags(), figures.autoClosed, figures.personBytes()));
        }));
    }

    /** The sites' report versions, and the versions of days stored but not counted (stale or older). */
    private record Versions(Map<UUID, Long> site, Map<UUID, Map<LocalDate, Long>> days) {

        /** The version a day's new figures are stored over: its row's, or 0 when it has none. */
        long of(UUID siteId, LocalDate day) {
            return days.getOrDefault(siteId, Map.of()).getOrDefault(day, 0L);
        }
    }

    /** Visits sorted into (site, local day) by arrival, for the days {@code first} to {@code last}. */
    private static final class DayBuckets {

        private final LocalDate first;
        private final long[] dayStarts;
        private final Map<UUID, SiteTally[]> bySite = new HashMap<>();

        DayBuckets(ZoneId zone, LocalDate first, LocalDate last, Set<UUID> sites) {
            this.first = first;
            int days = (int) (last.toEpochDay() - first.toEpochDay()) + 1;
            dayStarts = new long[days + 1];
            for (int i = 0; i <= days; i++) {
                dayStarts[i] = first.plusDays(i).atStartOfDay(zone).toInstant().toEpochMilli();
            }
            sites.forEach(site -> bySite.put(site, new SiteTally[days]));
        }

        Instant start() {
            return Instant.ofEpochMilli(dayStarts[0]);
        }

        Instant end() {
            return Instant.ofEpochMilli(dayStarts[dayStarts.length - 1]);
        }

        void add(UUID site, Instant at, Long person, boolean flagged, boolean fever, boolean symptoms,
                 boolean closeContact, boolean outbreakArea, boolean autoClosed) {
            SiteTally[] days = bySite.get(site);
            if (days == null) {
                return;
            }
            int found = Arrays.binarySearch(dayStarts, at.toEpochMilli());
            int day = found >= 0 ? found : -found - 2;
            if (day < 0 || day >= days.length) {
                return;
            }
            if (days[day] == null) {
                days[day] = new SiteTally();
            }
            days[day].add(person, flagged, fever, symptoms, closeContact, outbreakArea, autoClosed);
        }

        SiteTally get(UUID site, LocalDate day) {
            SiteTally figures = bySite.get(site)[(int) (day.toEpochDay() - first.toEpochDay())];
            return figures == null ? new SiteTally() : figures;
        }
    }
}
