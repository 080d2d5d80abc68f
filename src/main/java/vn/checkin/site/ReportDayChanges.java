package vn.checkin.site;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import vn.checkin.common.DatabaseKind;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Marks the stored report figures of a site's ended days stale when their visits change, in the changing
 * transaction (see V10__report_site_day.sql). A day without stored figures gets a stale row, so a report that read
 * the visits before this change cannot store its figures for that day afterwards.
 */
@ApplicationScoped
public class ReportDayChanges {

    private static final String POSTGRES = """
            insert into report_site_day (site_id, local_day, site_version, version, stale, check_ins, flagged, fever,
                symptoms, close_contact, outbreak_area, auto_closed, persons)
            values (?1, ?2, 0, 1, true, 0, 0, 0, 0, 0, 0, 0, decode('', 'hex'))
            on conflict (site_id, local_day) do update
                set version = report_site_day.version + 1, stale = true, persons = decode('', 'hex')""";
    private static final String H2 = """
            merge into report_site_day t using (values (cast(?1 as uuid), cast(?2 as date))) s (site_id, local_day)
            on t.site_id = s.site_id and t.local_day = s.local_day
            when matched then update set version = t.version + 1, stale = true, persons = X''
            when not matched then insert (site_id, local_day, site_version, version, stale, check_ins, flagged, fever,
                symptoms, close_contact, outbreak_area, auto_closed, persons)
                values (s.site_id, s.local_day, 0, 1, true, 0, 0, 0, 0, 0, 0, 0, X'')""";

    private final EntityManager em;
    private final DatabaseKind database;

    ReportDayChanges(EntityManager em, DatabaseKind database) {
        this.em = em;
        this.database = database;
    }

    /** Visits of the site that arrived at these instants changed. */
    public void visitsChanged(UUID siteId, String timeZone, Collection<Instant> arrivals) {
        ZoneId zone = ZoneId.of(timeZone);
        TreeSet<LocalDate> days = new TreeSet<>();
        arrivals.forEach(at -> days.add(at.atZone(zone).toLocalDate()));
        for (LocalDate day : days) {
            em.createNativeQuery(database.isPostgres() ? POSTGRES : H2).setParameter(1, siteId).setParameter(2, day)
                    .executeUpdate();
        }
    }
}
