package vn.checkin.tracing;

import vn.checkin.common.Csv;
import vn.checkin.common.LocalTimes;
import vn.checkin.visit.PhoneNumbers;

import java.io.Writer;
import java.util.Arrays;

/** CSV export: UTF-8 with BOM, times local to each site, formula cells neutralised by {@link Csv}. */
final class TracingCsv implements ExportWriter {

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
                LocalTimes.format(r.checkedInAt(), r.zone()), LocalTimes.format(r.checkedOutAt(), r.zone()), r.autoClosed(),
                LocalTimes.format(r.overlapStart(), r.zone()), LocalTimes.format(r.overlapEnd(), r.zone()), r.overlapMinutes(),
                r.encounters(), r.visitId(), r.viaVisitId(), r.zone().getId(), r.via()));
    }

    @Override
    public void end() throws java.io.IOException {
        out.flush();
    }
}
