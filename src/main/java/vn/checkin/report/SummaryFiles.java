package vn.checkin.report;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import vn.checkin.common.Csv;
import vn.checkin.common.PdfFonts;

import java.awt.Color;
import java.io.OutputStream;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

import static vn.checkin.report.ReportViews.SiteSummary;
import static vn.checkin.report.ReportViews.Summary;

/** The summary as CSV and as an A4 PDF in Vietnamese, fit to hand to the province. */
final class SummaryFiles {

    private static final String[] COLUMNS = {"Địa điểm / Site", "Lượt vào / Check-ins", "Người / Visitors",
        "Cần chú ý / Flagged", "Sốt / Fever", "Triệu chứng / Symptoms", "Tiếp xúc / Contact",
        "Vùng dịch / Outbreak area", "Tự đóng / Auto-closed", "Đang ở / On site now"};
    private static final ZoneId LOCAL = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private SummaryFiles() {
    }

    static void csv(Summary summary, Writer out) throws java.io.IOException {
        Csv csv = new Csv(out).bom();
        csv.row(Arrays.asList(COLUMNS));
        for (SiteSummary s : summary.sites()) {
            csv.row(Arrays.asList(s.siteName(), s.checkIns(), s.uniqueVisitors(), s.flagged(), s.flaggedByKind().fever(),
                    s.flaggedByKind().symptoms(), s.flaggedByKind().closeContact(),
                    s.flaggedByKind().outbreakArea(), s.autoClosed(), s.openNow()));
        }
        ReportViews.Totals t = summary.totals();
        csv.row(Arrays.asList("Tổng / Total", t.checkIns(), t.uniqueVisitors(), t.flagged(), t.flaggedByKind().fever(),
                t.flaggedByKind().symptoms(), t.flaggedByKind().closeContact(), t.flaggedByKind().outbreakArea(),
                t.autoClosed(), t.openNow()));
        out.flush();
    }

    static void pdf(Summary summary, String generatedBy, Instant generatedAt, OutputStream out) {
        Document document = new Document(PageSize.A4, 36, 36, 36, 36);
        try {
            PdfWriter.getInstance(document, out);
            document.addTitle("Báo cáo khai báo y tế " + summary.from() + " – " + summary.to());
            document.open();
            Paragraph title = new Paragraph("BÁO CÁO TÌNH HÌNH THỰC HIỆN QUÉT MÃ QR VÀ KHAI BÁO Y TẾ",
                    PdfFonts.bold(13));
            title.setAlignment(Element.ALIGN_CENTER);
            document.add(title);
            Paragraph period = new Paragraph("Từ ngày " + summary.from() + " đến ngày " + summary.to()
                    + " (ngày theo giờ địa phương của từng địa điểm)", PdfFonts.regular(10));
            period.setAlignment(Element.ALIGN_CENTER);
            period.setSpacingAfter(10);
            document.add(period);
            PdfPTable table = new PdfPTable(new float[]{26, 8, 8, 8, 7, 9, 8, 9, 8, 9});
            table.setWidthPercentage(100);
            table.setHeaderRows(1);
            for (String column : COLUMNS) {
                PdfPCell cell = new PdfPCell(new Phrase(column, PdfFonts.bold(7)));
                cell.setBackgroundColor(new Color(0xDD, 0xEB, 0xF7));
                table.addCell(cell);
            }
            for (SiteSummary s : summary.sites()) {
                row(table, false, s.siteName(), s.checkIns(), s.uniqueVisitors(), s.flagged(), s.flaggedByKind().fever(),
                        s.flaggedByKind().symptoms(), s.flaggedByKind().closeContact(),
                        s.flaggedByKind().outbreakArea(), s.autoClosed(), s.openNow());
            }
            ReportViews.Totals t = summary.totals();
            row(table, true, "Tổng cộng / Total", t.checkIns(), t.uniqueVisitors(), t.flagged(), t.flaggedByKind().fever(),
                    t.flaggedByKind().symptoms(), t.flaggedByKind().closeContact(), t.flaggedByKind().outbreakArea(),
                    t.autoClosed(), t.openNow());
            document.add(table);
            List<ReportViews.SiteRef> silent = summary.silentSites();
            Paragraph silentSites = new Paragraph("Địa điểm không có lượt quét nào trong kỳ / Sites without any check-in: "
                    + (silent.isEmpty() ? "không có / none"
                    : String.join(", ", silent.stream().map(ReportViews.SiteRef::siteName).toList())),
                    PdfFonts.regular(9));
            silentSites.setSpacingBefore(10);
            document.add(silentSites);
            Paragraph footer = new Paragraph("Lập lúc / Generated at " + STAMP.format(generatedAt.atZone(LOCAL))
                    + " (" + LOCAL.getId() + ") bởi / by " + generatedBy, PdfFonts.regular(8));
            footer.setSpacingBefore(16);
            document.add(footer);
            document.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("Cannot lay out the report", e);
        }
    }

    private static void row(PdfPTable table, boolean bold, String name, long... values) {
        table.addCell(new Phrase(name, bold ? PdfFonts.bold(8) : PdfFonts.regular(8)));
        for (long value : values) {
            PdfPCell cell = new PdfPCell(new Phrase(Long.toString(value), bold ? PdfFonts.bold(8) : PdfFonts.regular(8)));
            cell.setHorizontalAlignment(Element.ALIGN_RIGHT);
            table.addCell(cell);
        }
    }
}
