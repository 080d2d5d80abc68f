package vn.checkin.site;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.checkin.common.ApiException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What a phone may hand over after scanning: the whole URL, its path and query, or only the query. */
class ScannedQrTest {

    private static final ScannedQr EXPECTED = new ScannedQr("ubnd-quan-1", 3, "Ab-_09xyZ");

    @ParameterizedTest
    @ValueSource(strings = {
            "https://checkin.example.gov.vn/c/ubnd-quan-1?v=3&s=Ab-_09xyZ",
            "http://localhost:8080/c/ubnd-quan-1?v=3&s=Ab-_09xyZ",
            "https://checkin.example.gov.vn/c/ubnd-quan-1/?v=3&s=Ab-_09xyZ",
            "https://checkin.example.gov.vn/c/ubnd-quan-1?s=Ab-_09xyZ&v=3",
            "/c/ubnd-quan-1?v=3&s=Ab-_09xyZ",
            "site=ubnd-quan-1&v=3&s=Ab-_09xyZ",
            "?site=ubnd-quan-1&v=3&s=Ab-_09xyZ",
            "  https://checkin.example.gov.vn/c/ubnd-quan-1?v=3&s=Ab-_09xyZ\n"})
    void readsCodeVersionAndSignatureFromEveryScannedForm(String scanned) {
        assertEquals(EXPECTED, ScannedQr.parse(scanned));
    }

    @Test
    void percentEncodedSignatureIsDecoded() {
        assertEquals(EXPECTED, ScannedQr.parse("/c/ubnd-quan-1?v=3&s=Ab%2D_09xyZ"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "   ",
            "https://checkin.example.gov.vn/c/ubnd-quan-1?v=3",
            "https://checkin.example.gov.vn/c/ubnd-quan-1?s=Ab-_09xyZ",
            "https://checkin.example.gov.vn/?v=3&s=Ab-_09xyZ",
            "https://checkin.example.gov.vn/c/UBND-Quan-1?v=3&s=Ab-_09xyZ",
            "https://checkin.example.gov.vn/c/ab?v=3&s=Ab-_09xyZ",
            "https://checkin.example.gov.vn/c/ubnd-quan-1?v=three&s=Ab-_09xyZ",
            "https://checkin.example.gov.vn/c/ubnd-quan-1?v=-3&s=Ab-_09xyZ",
            "https://checkin.example.gov.vn/c/ubnd-quan-1?v=99999999999&s=Ab-_09xyZ",
            "https://checkin.example.gov.vn/c/ubnd-quan-1?v=3&s=Ab+09/xyZ=",
            "https://checkin.example.gov.vn/c/ubnd-quan-1?v=3&s=",
            "https://checkin.example.gov.vn/c/ubnd quan?v=3&s=Ab-_09xyZ",
            "javascript:alert(1)",
            "htt%://checkin.example.gov.vn/c/ubnd-quan-1?v=3&s=Ab-_09xyZ",
            "?site=ubnd-quan-1&v=3&s=Ab%zz"})
    void refusesWhatIsNotACheckinCode(String scanned) {
        ApiException refused = assertThrows(ApiException.class, () -> ScannedQr.parse(scanned));

        assertEquals(400, refused.status());
        assertEquals("invalid-qr", refused.type());
    }

    @Test
    void refusesOverlongInput() {
        String overlong = "/c/ubnd-quan-1?v=3&s=Ab-_09xyZ&pad=" + "x".repeat(2000);

        ApiException refused = assertThrows(ApiException.class, () -> ScannedQr.parse(overlong));

        assertEquals(400, refused.status());
    }
}
