package vn.checkin.site;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import vn.checkin.common.ApiException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a phone hands over, the QR parser either reads a check-in code out of it or refuses it with the
 * service's 400 {@code invalid-qr}; never another exception (which the API would answer with a 500).
 * <p>
 * By default ({@code mvn verify}) this is a regression test: it runs on the empty input and on the inputs
 * committed in {@code src/test/resources/vn/checkin/site/ScannedQrFuzzTestInputs/parsesOrRefuses/} (each file
 * is the scanned text, as is). To fuzz, coverage-guided, for {@code maxDuration}:
 * <pre>
 * JAZZER_FUZZ=1 mvn -B test -Dtest='ScannedQrFuzzTest#parsesOrRefuses'
 * </pre>
 * Only one fuzz test runs per fuzzing run. The inputs that reached new code are kept in
 * {@code .cifuzz-corpus/} (not committed); an input that fails is written as {@code crash-<hash>} into the
 * inputs folder above, so the next {@code mvn verify} replays it: commit it with its fix.
 */
class ScannedQrFuzzTest {

    @FuzzTest(maxDuration = "2m")
    @DictionaryEntries({"https://", "http://", "/c/", "?", "&", "=", "v=", "s=", "t=", "site=", "%", "%2D", "/"})
    void parsesOrRefuses(FuzzedDataProvider data) {
        String scanned = data.consumeRemainingAsString();

        ScannedQr parsed = parsedOrNull(scanned);

        if (parsed != null) {
            assertThat(parsed.siteCode()).matches("[a-z0-9-]{3,40}");
            assertThat(parsed.version()).isNotNegative();
            assertThat(parsed.signature()).matches("[A-Za-z0-9_-]{1,128}");
            assertThat(parsed.issuedAt()).satisfiesAnyOf(t -> assertThat(t).isNull(),
                    t -> assertThat(t).isNotNegative());
            // What was read is all there is to it: written out as the service's own URL it reads the same.
            assertThat(ScannedQr.parse(canonical(parsed))).isEqualTo(parsed);
        }
        if (scanned.length() <= 1022) {
            // Space and line breaks around a scan (some phones add them) change nothing.
            assertThat(parsedOrNull(" " + scanned + "\n")).isEqualTo(parsed);
        }
    }

    /** The parsed code, or null for the service's refusal; any other exception fails the test. */
    private static ScannedQr parsedOrNull(String scanned) {
        try {
            return ScannedQr.parse(scanned);
        } catch (ApiException refused) {
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.type()).isEqualTo("invalid-qr");
            return null;
        }
    }

    private static String canonical(ScannedQr qr) {
        return "https://checkin.example.gov.vn/c/" + qr.siteCode() + "?v=" + qr.version() + "&s=" + qr.signature()
                + (qr.isKioskCode() ? "&t=" + qr.issuedAt() : "");
    }
}
