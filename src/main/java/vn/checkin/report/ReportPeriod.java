package vn.checkin.report;

import vn.checkin.common.ApiException;
import vn.checkin.common.Days;
import vn.checkin.site.Site;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A period of whole days, {@code from} to {@code to} inclusive, in each site's own time zone: a visit at 23:30
 * in Hanoi belongs to that Hanoi day. Sites are grouped by zone so each group is one arrival-time range.
 */
record ReportPeriod(LocalDate from, LocalDate to) {

    static final int MAX_DAYS = 366;

    static ReportPeriod parse(String from, String to) {
        LocalDate start = Days.required(from, "from");
        LocalDate end = Days.required(to, "to");
        if (end.isBefore(start)) {
            throw ApiException.invalid("to", "must not be before from");
        }
        if (start.plusDays(MAX_DAYS).isBefore(end.plusDays(1))) {
            throw ApiException.invalid("to", "a report spans at most " + MAX_DAYS + " days");
        }
        return new ReportPeriod(start, end);
    }

    /**
     * The last day that has ended at {@code now} in the time zone of every one of these sites: the day before
     * today in the zone where today began last.
     */
    static LocalDate lastEndedDay(Collection<Site> sites, Instant now) {
        return sites.stream().map(site -> LocalDate.ofInstant(now, ZoneId.of(site.timeZone)))
                .min(Comparator.naturalOrder()).orElseThrow().minusDays(1);
    }

    /** The period's arrival-time range in one zone, half-open. */
    record Range(ZoneId zone, Instant start, Instant end, List<UUID> siteIds) {
    }

    List<Range> rangesOf(List<Site> sites) {
        Map<String, List<UUID>> byZone = new LinkedHashMap<>();
        for (Site site : sites) {
            byZone.computeIfAbsent(site.timeZone, z -> new ArrayList<>()).add(site.id);
        }
        List<Range> ranges = new ArrayList<>();
        byZone.forEach((zoneId, ids) -> {
            ZoneId zone = ZoneId.of(zoneId);
            ranges.add(new Range(zone, from.atStartOfDay(zone).toInstant(), to.plusDays(1).atStartOfDay(zone).toInstant(),
                    ids));
        });
        return ranges;
    }
}
