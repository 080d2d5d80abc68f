package vn.checkin.tracing;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import vn.checkin.common.LocalTimes;
import vn.checkin.common.PdfFonts;
import vn.checkin.visit.PhoneNumbers;

import java.awt.Color;
import java.io.OutputStream;
import java.time.ZoneId;

/**
 * PDF export: A4 landscape, the query's criteria and officer on top, then a table that is written out every
 * few rows so long lists do not stay in memory. Vietnamese text needs the embedded font of {@link PdfFonts}.
 */
final class TracingPdf implements ExportWriter {

    private static final ZoneId HEADER_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final float[] WIDTHS = {4, 13, 9, 9, 11, 9, 9, 9, 9, 4, 14};
    private static final String[] HEADERS = {"Mức", "Họ tên / Name", "Điện thoại / Phone", "CCCD / ID",
        "Địa điểm / Site", "Vào / In", "Ra / Out", "Tiếp xúc từ / From", "Đến / To", "Phút", "Qua / Via"};
    private static final int ROWS_PER_CHUNK = 100;

    private final Document document = new Document(PageSize.A4.rotate(), 28, 28, 28, 28);
    private final OutputStream out;
    private final Font cellFont = PdfFonts.regular(8);
    private PdfPTable table;
    private int pending;

    TracingPdf(OutputStream out) {
        this.out = out;
    }

    @Override
    public void begin(ExportHeader h) {
        try {
            PdfWriter.getInstance(document, out);
            document.addTitle("Danh sách tiếp xúc " + h.queryId());
            document.open();
            document.add(new Paragraph("DANH SÁCH NGƯỜI TIẾP XÚC / CONTACT LIST", PdfFonts.bold(15)));
            Font info = PdfFonts.regular(9);
            document.add(new Paragraph("Ca bệnh / Case: " + h.caseReference() + "    Lý do / Reason: " + h.reason(), info));
            document.add(new Paragraph("Khoảng thời gian / Window: " + local(h.from()) + " – " + local(h.to())
                    + " (" + HEADER_ZONE.getId() + ")    Tiếp xúc tối thiểu / Min. overlap: " + h.minOverlapMinutes()
                    + " phút    Đệm / Buffer: " + h.bufferMinutes() + " phút    Cấp / Depth: F" + h.depth(), info));
            document.add(new Paragraph("Cán bộ truy vết / Officer: " + h.officer() + ", " + local(h.createdAt())
                    + "    Xuất bởi / Exported by: " + h.exportedBy() + ", " + local(h.exportedAt())
                    + "    Mã truy vấn / Query: " + h.queryId(), info));
            document.add(new Paragraph(" ", info));
            newTable();
        } catch (DocumentException e) {
            throw new IllegalStateException("Cannot start the PDF", e);
        }
    }

    @Override
    public void row(ExportRow r) {
        String out = r.checkedOutAt() == null ? "đang ở / on site"
                : LocalTimes.format(r.checkedOutAt(), r.zone()) + (r.autoClosed() ? " (tự đóng / auto)" : "");
        String[] cells = {r.level(), r.visitor().fullName(), PhoneNumbers.display(r.visitor().phone()), r.visitor().idNumber(),
            r.siteName(), LocalTimes.format(r.checkedInAt(), r.zone()), out,
            LocalTimes.format(r.overlapStart(), r.zone()), LocalTimes.format(r.overlapEnd(), r.zone()),
            r.overlapMinutes() == null ? null : r.overlapMinutes().toString(), r.via()};
        for (String cell : cells) {
            table.addCell(new Phrase(cell == null ? "" : cell, cellFont));
        }
        if (++pending >= ROWS_PER_CHUNK) {
            flushTable();
        }
    }

    @Override
    public void end() {
        table.setComplete(true);
        flushTable();
        document.close();
    }

    private void newTable() {
        table = new PdfPTable(WIDTHS);
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        table.setComplete(false);
        for (String header : HEADERS) {
            PdfPCell cell = new PdfPCell(new Phrase(header, PdfFonts.bold(8)));
            cell.setBackgroundColor(new Color(0xDD, 0xEB, 0xF7));
            table.addCell(cell);
        }
    }

    /** Writes the rows added so far; the table keeps only its header row afterwards. */
    private void flushTable() {
        try {
            document.add(table);
            pending = 0;
        } catch (DocumentException e) {
            throw new IllegalStateException("Cannot write the PDF table", e);
        }
    }

    private static String local(java.time.Instant at) {
        return LocalTimes.format(at, HEADER_ZONE);
    }
}
