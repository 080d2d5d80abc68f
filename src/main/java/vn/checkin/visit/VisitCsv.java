package vn.checkin.visit;

import vn.checkin.common.Csv;
import vn.checkin.common.LocalTimes;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import static vn.checkin.visit.VisitViews.VisitView;

/** The day's log as CSV rows; times in the site's local time, as the staff read them. */
public final class VisitCsv {

    private VisitCsv() {
    }

    /**
     * One site's rows as they come: {@code rows} is handed a sink and feeds it every visit in order, so the
     * caller can read them from the database in chunks while the file is written.
     */
    static void write(Csv csv, ZoneId zone, Consumer<Consumer<VisitView>> rows) {
        header(csv, "(" + zone.getId() + ")");
        rows.accept(v -> row(csv, v, zone));
    }

    /** Visits of several sites: each row's times in its own site's zone, named in a last column. */
    public static void write(Csv csv, Function<VisitView, ZoneId> zoneOf, List<VisitView> rows) {
        write(csv, "(local)", zoneOf, rows);
    }

    private static void write(Csv csv, String timeLabel, Function<VisitView, ZoneId> zoneOf, List<VisitView> rows) {
        header(csv, timeLabel);
        for (VisitView v : rows) {
            row(csv, v, zoneOf.apply(v));
        }
    }

    private static void header(Csv csv, String timeLabel) {
        csv.bom().row(Arrays.asList("visitId", "fullName", "phone", "idNumber", "yearOfBirth",
                "organization", "address", "purpose", "hostName", "temperatureC", "symptoms", "closeContactWithCase",
                "visitedOutbreakArea", "outbreakAreaDetails", "vaccineDoses", "riskFlags", "checkedInAt " + timeLabel,
                "checkedOutAt " + timeLabel, "checkoutSource", "status", "entrySource", "siteName", "timeZone"));
    }

    private static void row(Csv csv, VisitView v, ZoneId zone) {
        csv.row(Arrays.asList(v.id(), v.visitor().fullName(), PhoneNumbers.display(v.visitor().phone()),
                v.visitor().idNumber(), v.visitor().yearOfBirth(), v.visitor().organization(),
                v.visitor().address(), v.purpose(), v.hostName(), v.declaration().temperatureC(),
                join(v.declaration().symptoms()), v.declaration().closeContactWithCase(),
                v.declaration().visitedOutbreakArea(), v.declaration().outbreakAreaDetails(),
                v.declaration().vaccineDoses(), join(v.riskFlags()), LocalTimes.format(v.checkedInAt(), zone),
                LocalTimes.format(v.checkedOutAt(), zone), v.checkoutSource(), v.status(), v.entrySource(), v.siteName(),
                zone.getId()));
    }

    private static String join(List<?> values) {
        return values.stream().map(Object::toString).collect(Collectors.joining(" "));
    }
}
