package vn.checkin.visit;

import java.util.Optional;

/**
 * Phone numbers as a person's identity for tracing. Vietnamese numbers in any common spelling
 * ({@code 0912 345 678}, {@code +84912345678}, {@code 84 912 345 678}, {@code (+84) 0912...}) become the one
 * E.164 form {@code +84912345678}; other countries' numbers must start with {@code +} or {@code 00}.
 */
public final class PhoneNumbers {

    private PhoneNumbers() {
    }

    /** The normalised form, or empty when the text is not a plausible phone number. */
    public static Optional<String> normalise(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String text = raw.strip();
        int plus = text.indexOf('+');
        boolean international = plus >= 0;
        if (international && (plus > (text.startsWith("(") ? 1 : 0) || text.indexOf('+', plus + 1) >= 0)) {
            return Optional.empty();
        }
        String digits = text.replaceAll("[\\s.\\-()+]", "");
        if (digits.isEmpty() || digits.length() > 20 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        if (digits.startsWith("00")) {
            international = true;
            digits = digits.substring(2);
        }
        if (digits.startsWith("84") && (international || digits.length() == 11 || digits.length() == 12)) {
            return vietnamese(stripTrunkZero(digits.substring(2)));
        }
        if (international) {
            return digits.length() >= 8 && digits.length() <= 15 && digits.charAt(0) != '0'
                    ? Optional.of("+" + digits) : Optional.empty();
        }
        if (digits.startsWith("0")) {
            return vietnamese(digits.substring(1));
        }
        return Optional.empty();
    }

    /**
     * How people read a stored number: Vietnamese numbers in the national form {@code 0912345678}, others in
     * E.164. Used in files for people (CSV, XLSX, PDF), where a leading {@code +} would also look like a formula.
     */
    public static String display(String normalised) {
        if (normalised == null) {
            return null;
        }
        return normalised.startsWith("+84") ? "0" + normalised.substring(3) : normalised;
    }

    public static boolean isValid(String raw) {
        return normalise(raw).isPresent();
    }

    /** People write {@code +84 0912...}: the trunk zero after the country code is dropped. */
    private static String stripTrunkZero(String national) {
        return national.startsWith("0") ? national.substring(1) : national;
    }

    /** Mobile numbers have nine digits after the trunk zero (3, 5, 7, 8, 9...); landlines ten (2...). */
    private static Optional<String> vietnamese(String national) {
        boolean mobile = national.length() == 9 && "35789".indexOf(national.charAt(0)) >= 0;
        boolean landline = national.length() == 10 && national.charAt(0) == '2';
        return mobile || landline ? Optional.of("+84" + national) : Optional.empty();
    }
}
