package vn.checkin.visit;

import vn.checkin.common.Csv;
import vn.checkin.common.LocalTimes;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import static vn.checkin.visit.VisitViews.VisitView;

/** The day's log as CSV rows; times in the site's local time, as the staff read them. */
public final class VisitCsv {

    private VisitCsv() {
    }

    static void write(Csv csv, ZoneId zone, List<VisitView> rows) {
        write(csv, "(" + zone.getId() + ")", v -> zone, rows);
    }

    /** Visits of several sites: each row's times in its own site's zone, named in a last column. */
    public static void write(Csv csv, Function<VisitView, ZoneId> zoneOf, List<VisitView> rows) {
        write(csv, "(local)", zoneOf, rows);
    }

    private static void write(Csv csv, String timeLabel, Function<VisitView, ZoneId> zoneOf, List<VisitView> rows) {
        csv.bom().row(Arrays.asList("visitId", "fullName", "phone", "idNumber", "yearOfBirth",
                "organization", "address", "purpose", "hostName", "temperatureC", "symptoms", "closeContactWithCase",
                "visitedOutbreakArea", "outbreakAreaDetails", "vaccineDoses", "riskFlags", "checkedInAt " + timeLabel,
                "checkedOutAt " + timeLabel, "checkoutSource", "status", "entrySource", "siteName", "timeZone"));
        for (VisitView v : rows) {
            ZoneId zone = zoneOf.apply(v);
            csv.row(Arrays.asList(v.id(), v.visitor().fullName(), PhoneNumbers.display(v.visitor().phone()),
                    v.visitor().idNumber(), v.visitor().yearOfBirth(), v.visitor().organization(),
                    v.visitor().address(), v.purpose(), v.hostName(), v.declaration().temperatureC(),
                    join(v.declaration().symptoms()), v.declaration().closeContactWithCase(),
                    v.declaration().visitedOutbreakArea(), v.declaration().outbreakAreaDetails(),
                    v.declaration().vaccineDoses(), join(v.riskFlags()), LocalTimes.format(v.checkedInAt(), zone),
                    LocalTimes.format(v.checkedOutAt(), zone), v.checkoutSource(), v.status(), v.entrySource(), v.siteName(),
                    zone.getId()));
        }
    }

    private static String join(List<?> values) {
        return values.stream().map(Object::toString).collect(Collectors.joining(" "));
    }
}
