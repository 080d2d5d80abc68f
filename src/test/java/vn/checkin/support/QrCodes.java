package vn.checkin.support;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;

/** Reads back the QR codes the service renders. */
public final class QrCodes {

    /**
     * The images are rendered, not photographed: decoding them as pure codes reads every one. Without the hint
     * ZXing's finder-pattern search missed about one rendered URL in ten.
     */
    private static final Map<DecodeHintType, Object> RENDERED = Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE);

    private QrCodes() {
    }

    public static String decode(BufferedImage image) throws Exception {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        return new QRCodeReader().decode(bitmap, RENDERED).getText();
    }

    public static String decodePng(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        if (image == null) {
            throw new IOException("not a PNG image");
        }
        return decode(image);
    }
}
