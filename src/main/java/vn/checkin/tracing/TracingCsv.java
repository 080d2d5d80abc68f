package vn.checkin.tracing;

import vn.checkin.common.Csv;
import vn.checkin.visit.PhoneNumbers;

import java.io.Writer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

/** CSV export: UTF-8 with BOM, times local to each site, formula cells neutralised by {@link Csv}. */
final class TracingCsv implements ExportWriter {

    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Writer out;
    private final Csv csv;

    TracingCsv(Writer out) {
        this.out = out;
        this.csv = new Csv(out);
    }

    @Override
    public void begin(ExportHeader header) {
        csv.bom().row(Arrays.asList(COLUMNS));
    }

    @Override
    public void row(ExportRow r) {
        csv.row(Arrays.asList(r.level(), r.visitor().fullName(), PhoneNumbers.display(r.visitor().phone()), r.visitor().idNumber(),
                r.visitor().yearOfBirth(), r.visitor().organization(), r.visitor().address(), r.siteName(),
                local(r.checkedInAt(), r.zone()), local(r.checkedOutAt(), r.zone()), r.autoClosed(),
                local(r.overlapStart(), r.zone()), local(r.overlapEnd(), r.zone()), r.overlapMinutes(),
                r.encounters(), r.visitId(), r.viaVisitId(), r.zone().getId()));
    }

    @Override
    public void end() throws java.io.IOException {
        out.flush();
    }

    static String local(Instant at, ZoneId zone) {
        return at == null ? null : LOCAL.format(at.atZone(zone));
    }
}
