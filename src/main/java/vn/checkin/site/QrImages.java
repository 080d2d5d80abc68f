package vn.checkin.site;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Renders a text as a QR code: error correction M (a poster survives a scratch), a four-module quiet zone.
 * PNG is scaled to whole pixels per module; SVG is vector, one path, crisp at any print size.
 * Rendered images are kept in a small bounded cache: a site's code only changes when it is rotated, and the
 * cache key is the encoded text itself, so a new version is a new entry.
 */
public final class QrImages {

    private static final int QUIET_ZONE = 4;
    private static final Map<EncodeHintType, Object> HINTS = Map.of(
            EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
            EncodeHintType.MARGIN, QUIET_ZONE,
            EncodeHintType.CHARACTER_SET, "UTF-8");

    private static final QrImageCache<byte[]> PNGS = new QrImageCache<>(256, 16L << 20);
    private static final QrImageCache<String> SVGS = new QrImageCache<>(256, 16L << 20);

    private QrImages() {
    }

    /** The PNG image; a copy, so a caller cannot change the cached one. */
    public static byte[] png(String text, int size) {
        return PNGS.get(new QrImageCache.Key(text, "png", size), () -> renderPng(text, size), png -> png.length)
                .clone();
    }

    public static String svg(String text, int size) {
        return SVGS.get(new QrImageCache.Key(text, "svg", size), () -> renderSvg(text, size), svg -> svg.length() * 2L);
    }

    private static byte[] renderPng(String text, int size) {
        BitMatrix matrix = encode(text, size);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            MatrixToImageWriter.writeToStream(matrix, "PNG", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String renderSvg(String text, int size) {
        BitMatrix modules = encode(text, 0);
        int width = modules.getWidth();
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < modules.getHeight(); y++) {
            int x = 0;
            while (x < width) {
                if (!modules.get(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < width && modules.get(x, y)) {
                    x++;
                }
                path.append('M').append(start).append(' ').append(y)
                        .append('h').append(x - start).append("v1h-").append(x - start).append('z');
            }
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + size + "\" height=\"" + size
                + "\" viewBox=\"0 0 " + width + " " + modules.getHeight() + "\" shape-rendering=\"crispEdges\">"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
                + "<path fill=\"#000\" d=\"" + path + "\"/></svg>\n";
    }

    private static BitMatrix encode(String text, int size) {
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size, HINTS);
        } catch (WriterException e) {
            throw new IllegalArgumentException("Text does not fit in a QR code", e);
        }
    }
}
