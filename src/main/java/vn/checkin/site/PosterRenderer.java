package vn.checkin.site;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfWriter;
import vn.checkin.common.PdfFonts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** The A4 poster for an entrance: the QR code, the site's name and how to check in, in Vietnamese and English. */
public final class PosterRenderer {

    private static final List<String[]> STEPS = List.of(
            new String[]{"1. Mở camera điện thoại và quét mã QR.", "Open your phone's camera and scan the code."},
            new String[]{"2. Điền tờ khai y tế và bấm \"Check in\".", "Fill in the health declaration and tap \"Check in\"."},
            new String[]{"3. Khi ra về, mở lại trang và bấm \"Check out\".", "When you leave, open the page again and tap \"Check out\"."});

    private PosterRenderer() {
    }

    public static byte[] render(String siteName, String address, String checkinUrl, int qrVersion) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 48, 48, 48, 48);
        try {
            PdfWriter.getInstance(document, out);
            document.addTitle("QR check-in – " + siteName);
            document.open();
            document.add(centered("KHAI BÁO Y TẾ KHI VÀO CƠ QUAN", PdfFonts.bold(24), 0));
            document.add(centered("Health declaration before entering", PdfFonts.regular(14), 4));
            document.add(centered(siteName, PdfFonts.bold(20), 18));
            if (address != null && !address.isBlank()) {
                document.add(centered(address, PdfFonts.regular(12), 4));
            }
            Image qr = Image.getInstance(QrImages.png(checkinUrl, 1024));
            qr.scaleAbsolute(320, 320);
            qr.setAlignment(Element.ALIGN_CENTER);
            qr.setSpacingBefore(16);
            document.add(qr);
            for (String[] step : STEPS) {
                document.add(paragraph(step[0], PdfFonts.bold(13), 8));
                document.add(paragraph(step[1], PdfFonts.regular(11), 0));
            }
            document.add(centered(checkinUrl, PdfFonts.regular(8), 24));
            document.add(centered("Mã phiên bản / code version " + qrVersion
                    + " · Không có điện thoại? Vui lòng liên hệ lễ tân. / No phone? Please ask at reception.",
                    PdfFonts.regular(9), 4));
            document.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("Cannot lay out the poster", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Paragraph centered(String text, com.lowagie.text.Font font, float spacingBefore) {
        Paragraph paragraph = paragraph(text, font, spacingBefore);
        paragraph.setAlignment(Element.ALIGN_CENTER);
        return paragraph;
    }

    private static Paragraph paragraph(String text, com.lowagie.text.Font font, float spacingBefore) {
        Paragraph paragraph = new Paragraph(text, font);
        paragraph.setSpacingBefore(spacingBefore);
        return paragraph;
    }
}
