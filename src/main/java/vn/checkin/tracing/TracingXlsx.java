package vn.checkin.tracing;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import vn.checkin.visit.PhoneNumbers;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** XLSX export: a header row, fixed column widths, times as real Excel dates; streamed row by row. */
final class TracingXlsx implements ExportWriter {

    private static final String DATE_FORMAT = "yyyy-mm-dd hh:mm:ss";
    private static final double[] WIDTHS = {8, 28, 16, 14, 9, 24, 30, 28, 20, 20, 10, 20, 20, 9, 10, 38, 38, 18, 48};
    private static final int FLUSH_EVERY = 500;

    private final Workbook workbook;
    private Worksheet sheet;
    private int rowIndex;

    TracingXlsx(OutputStream out) {
        this.workbook = new Workbook(out, "checkin", "1.0");
    }

    @Override
    public void begin(ExportHeader header) throws IOException {
        sheet = workbook.newWorksheet("Contacts");
        for (int c = 0; c < COLUMNS.length; c++) {
            sheet.value(0, c, COLUMNS[c]);
            sheet.width(c, WIDTHS[c]);
        }
        sheet.range(0, 0, 0, COLUMNS.length - 1).style().bold().fillColor("DDEBF7").set();
        sheet.freezePane(0, 1);
        rowIndex = 1;
    }

    @Override
    public void row(ExportRow r) throws IOException {
        int row = rowIndex++;
        int c = 0;
        sheet.value(row, c++, r.level());
        sheet.value(row, c++, r.visitor().fullName());
        sheet.value(row, c++, PhoneNumbers.display(r.visitor().phone()));
        sheet.value(row, c++, r.visitor().idNumber());
        if (r.visitor().yearOfBirth() != null) {
            sheet.value(row, c, r.visitor().yearOfBirth());
        }
        c++;
        sheet.value(row, c++, r.visitor().organization());
        sheet.value(row, c++, r.visitor().address());
        sheet.value(row, c++, r.siteName());
        date(row, c++, r.checkedInAt(), r.zone());
        date(row, c++, r.checkedOutAt(), r.zone());
        sheet.value(row, c++, r.autoClosed());
        date(row, c++, r.overlapStart(), r.zone());
        date(row, c++, r.overlapEnd(), r.zone());
        if (r.overlapMinutes() != null) {
            sheet.value(row, c, r.overlapMinutes());
        }
        c++;
        if (r.encounters() != null) {
            sheet.value(row, c, r.encounters());
        }
        c++;
        sheet.value(row, c++, r.visitId().toString());
        sheet.value(row, c++, r.viaVisitId() == null ? null : r.viaVisitId().toString());
        sheet.value(row, c++, r.zone().getId());
        sheet.value(row, c, r.via());
        if (row % FLUSH_EVERY == 0) {
            sheet.flush();
        }
    }

    @Override
    public void end() throws IOException {
        workbook.finish();
    }

    private void date(int row, int column, Instant at, ZoneId zone) {
        if (at != null) {
            sheet.value(row, column, LocalDateTime.ofInstant(at, zone));
            sheet.style(row, column).format(DATE_FORMAT).set();
        }
    }
}
