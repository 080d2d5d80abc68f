package vn.checkin.common;

import org.junit.jupiter.api.Test;

import java.text.Normalizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The search form of a text, and the LIKE pattern of a query (the database's side: DiacriticSearchTest). */
class SearchTextTest {

    private static final String MARKS = "\u0300\u0301\u0303\u0309\u0323"; // huyền, sắc, ngã, hỏi, nặng

    @Test
    void namesLoseDiacriticsAndCase() {
        assertEquals("nguyen van an", SearchText.normalise("Nguyễn Văn An"));
        assertEquals("do duc dung", SearchText.normalise("ĐỖ ĐỨC DŨNG"));
        assertEquals("do", SearchText.normalise("đỗ"));
        assertEquals("truong thi phuong", SearchText.normalise("Trương Thị Phượng"));
        assertEquals("bo y te", SearchText.normalise("Bộ Y tế"));
    }

    @Test
    void everyVietnameseVowelWithEveryToneBecomesItsBareLetter() {
        String vowels = "aăâeêioôơuưy";
        String bare = "aaaeeiooouuy";
        for (int v = 0; v < vowels.length(); v++) {
            for (int t = -1; t < MARKS.length(); t++) {
                String letter = Normalizer.normalize(vowels.charAt(v) + (t < 0 ? "" : MARKS.substring(t, t + 1)),
                        Normalizer.Form.NFC);
                String expected = String.valueOf(bare.charAt(v));
                assertEquals(expected, SearchText.normalise(letter), letter);
                assertEquals(expected, SearchText.normalise(letter.toUpperCase()), letter.toUpperCase());
                assertEquals(expected, SearchText.normalise(Normalizer.normalize(letter, Normalizer.Form.NFD)),
                        "decomposed " + letter);
            }
        }
    }

    @Test
    void whiteSpaceRunsBecomeOneSpaceAndTheEndsAreTrimmed() {
        assertEquals("nguyen van an", SearchText.normalise("  Nguyễn \t Văn\n\nAn  "));
        assertEquals("", SearchText.normalise(" \t "));
        assertNull(SearchText.normalise(null));
    }

    @Test
    void lowerCaseIsLetterByLetter() {
        // PostgreSQL's lower() knows no final sigma; neither does the search form.
        assertEquals("σασ", SearchText.normalise("ΣΑΣ"));
        assertEquals("istanbul", SearchText.normalise("İstanbul"));
    }

    @Test
    void aStoredTextKeepsOneFieldALine() {
        assertEquals("nguyen van an\n\nubnd tp.hcm", SearchText.of("Nguyễn Văn An", null, "UBND TP.HCM"));
    }

    @Test
    void aPatternFindsTheQueryAnywhereWithWildcardsTakenLiterally() {
        assertEquals("%nguyen van%", SearchText.containsPattern(" Nguyễn  VĂN "));
        assertEquals("%100!%%", SearchText.containsPattern("100%"));
        assertEquals("%a!_b%", SearchText.containsPattern("a_b"));
        assertEquals("%wow!!%", SearchText.containsPattern("wow!"));
    }

    @Test
    void aBlankQueryFiltersNothing() {
        assertNull(SearchText.containsPattern(null));
        assertNull(SearchText.containsPattern(""));
        assertNull(SearchText.containsPattern("  \t "));
    }
}
