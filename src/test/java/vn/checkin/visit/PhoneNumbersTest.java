package vn.checkin.visit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A phone number is a person's identity for tracing: every spelling of one number must normalise alike. */
class PhoneNumbersTest {

    @ParameterizedTest(name = "\"{0}\" is +84912345678")
    @ValueSource(strings = {
            "0912345678",
            "+84912345678",
            "84912345678",
            "84 912 345 678",
            "(+84) 912-345-678",
            "0084912345678",
            "+84 0912345678",
            "0912.345.678",
            "  0912 345 678  "})
    void vietnameseMobileSpellingsNormaliseToOneE164Number(String spelling) {
        assertEquals(Optional.of("+84912345678"), PhoneNumbers.normalise(spelling));
        assertTrue(PhoneNumbers.isValid(spelling));
    }

    @Test
    void landlineKeepsItsTenNationalDigits() {
        assertEquals(Optional.of("+842438251234"), PhoneNumbers.normalise("02438251234"));
        assertEquals(Optional.of("+842438251234"), PhoneNumbers.normalise("+84 24 3825 1234"));
    }

    @Test
    void foreignNumberInInternationalFormIsKept() {
        assertEquals(Optional.of("+14155550123"), PhoneNumbers.normalise("+14155550123"));
        assertEquals(Optional.of("+14155550123"), PhoneNumbers.normalise("001 415 555 0123"));
    }

    @ParameterizedTest(name = "\"{0}\" is not a phone number")
    @NullAndEmptySource
    @ValueSource(strings = {
            "123",
            "091234567",
            "09123456789",
            "0112345678",
            "abc",
            "0912abc678",
            "+84+912345678",
            "84+912345678",
            "   "})
    void implausibleNumbersAreRejected(String raw) {
        assertEquals(Optional.empty(), PhoneNumbers.normalise(raw));
        assertFalse(PhoneNumbers.isValid(raw));
    }
}
