package vn.checkin.common;

import com.lowagie.text.Font;
import com.lowagie.text.pdf.BaseFont;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Fonts embedded in every PDF we produce. Liberation Sans has the Vietnamese letters (ắ, ộ, ữ...), which the
 * standard PDF fonts lack; it is embedded as a subset with Identity-H encoding.
 */
public final class PdfFonts {

    private static final BaseFont REGULAR = load("liberation/LiberationSans-Regular.ttf");
    private static final BaseFont BOLD = load("liberation/LiberationSans-Bold.ttf");

    private PdfFonts() {
    }

    public static Font regular(float size) {
        return new Font(REGULAR, size);
    }

    public static Font bold(float size) {
        return new Font(BOLD, size);
    }

    private static BaseFont load(String resource) {
        try (InputStream in = PdfFonts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Font " + resource + " is not on the classpath");
            }
            byte[] bytes = in.readAllBytes();
            return BaseFont.createFont(resource, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, bytes, null);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load font " + resource, e);
        }
    }
}
