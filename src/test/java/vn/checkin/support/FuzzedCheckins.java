package vn.checkin.support;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Check-in bodies built from a fuzzer's bytes: each field is kept valid, nearly valid (at and past its limits),
 * of another JSON type, null or left out, and now and then the JSON itself is cut short or replaced by raw bytes.
 * A choice is a number, which {@link FuzzedDataProvider} reads from the end of the input and reads as 0 once the
 * input is used up, and choice 0 is the valid value: the empty input is a valid check-in.
 */
public final class FuzzedCheckins {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Marks a field to leave out of the body. */
    private static final Object ABSENT = new Object();
    private static final String[] SYMPTOMS = {"FEVER", "COUGH", "SHORTNESS_OF_BREATH", "SORE_THROAT",
            "LOSS_OF_TASTE_OR_SMELL", "FATIGUE", "OTHER", "fever", "NOT_A_SYMPTOM", ""};

    private FuzzedCheckins() {
    }

    /** The UTF-8 bytes to POST for {@code site}. */
    public static byte[] body(FuzzedDataProvider data, Api.TestSite site, String phone) {
        switch (data.consumeInt(0, 15)) {
            case 14:
                return data.consumeBytes(4096);
            case 15:
                byte[] json = json(fields(data, site, phone));
                return Arrays.copyOf(json, data.consumeInt(0, json.length));
            default:
                return json(fields(data, site, phone));
        }
    }

    /** The body for a failure message: its text, or its bytes in hex where it is not printable UTF-8. */
    public static String describe(byte[] body) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString();
            if (text.chars().noneMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
                return text;
            }
        } catch (CharacterCodingException notText) {
            // shown as bytes below
        }
        return "bytes " + HexFormat.ofDelimiter(" ").formatHex(body);
    }

    private static Map<String, Object> fields(FuzzedDataProvider data, Api.TestSite site, String phone) {
        Map<String, Object> body = new LinkedHashMap<>();
        put(body, "qr", qr(data, site));
        put(body, "consent", pick(data, true, false, "true", 1));
        Map<String, Object> visitor = new LinkedHashMap<>();
        put(visitor, "fullName", text(data, "Nguyễn Thị Thử", 200));
        put(visitor, "phone", phone(data, phone));
        put(visitor, "idNumber", pick(data, null, "012345678", "001234567890", lazy(() -> digits(data)),
                lazy(() -> data.consumeString(20))));
        put(visitor, "yearOfBirth", pick(data, 1985, 1899, 1900, 2100, 2101, lazy(() -> data.consumeInt(1800, 2200)),
                lazy(() -> data.consumeLong(Long.MIN_VALUE, Long.MAX_VALUE)), "1985"));
        put(visitor, "address", text(data, "47 Lê Duẩn, Quận 1", 500));
        put(visitor, "organization", text(data, "Công ty TNHH Ánh Dương", 200));
        put(body, "visitor", pick(data, visitor, "visitor", List.of(visitor), 1));

        Map<String, Object> declaration = new LinkedHashMap<>();
        put(declaration, "temperatureC", pick(data, 36.6, 34.0, 43.0, 33.9, 43.1, 36.66,
                lazy(data::consumeDouble), new BigDecimal("1e400"), "36.6",
                lazy(() -> new BigDecimal(data.consumeLong(-99_999, 99_999)).movePointLeft(2))));
        put(declaration, "symptoms", pick(data, List.of(), lazy(() -> symptoms(data)), "FEVER",
                List.of(List.of("FEVER")), lazy(() -> Collections.nCopies(data.consumeInt(0, 20), "COUGH"))));
        put(declaration, "closeContactWithCase", flag(data));
        put(declaration, "visitedOutbreakArea", flag(data));
        put(declaration, "outbreakAreaDetails", text(data, null, 500));
        put(declaration, "vaccineDoses", pick(data, 2, 0, 10, -1, 11,
                lazy(() -> data.consumeInt(Integer.MIN_VALUE, Integer.MAX_VALUE)), 2.5, "2"));
        put(body, "declaration", pick(data, declaration, "none", List.of(), 0));

        put(body, "purpose", text(data, "Nộp hồ sơ", 500));
        put(body, "hostName", text(data, "Phòng Tiếp dân", 200));
        if (data.consumeInt(0, 7) == 1) {
            body.put(data.consumeString(30), data.consumeString(30)); // a field the request does not have
        }
        return body;
    }

    private static Object qr(FuzzedDataProvider data, Api.TestSite site) {
        String url = site.checkinUrl();
        return pick(data, url,
                lazy(() -> {
                    int at = data.consumeInt(0, url.length() - 1);
                    return url.substring(0, at) + (char) data.consumeInt(0, 0xffff) + url.substring(at + 1);
                }),
                lazy(() -> url.substring(0, data.consumeInt(0, url.length() - 1))),
                lazy(() -> url + "&" + data.pickValue(new String[] {"v", "s", "t", "site"}) + "="
                        + data.consumeString(40)),
                lazy(() -> url.replace("&s=", "&t=" + data.consumeLong(-1, 99_999_999_999L) + "&s=")),
                url.replace("?v=" + site.qrVersion(), "?v=" + (site.qrVersion() + 1)),
                lazy(() -> url.replace("/c/" + site.code(), "/c/no-such-site-" + data.consumeInt(0, 999))),
                lazy(() -> data.consumeString(1100)),
                12345);
    }

    private static Object phone(FuzzedDataProvider data, String phone) {
        return pick(data, phone, "+84" + phone.substring(1), "84 " + phone.substring(1), "(+84) " + phone,
                lazy(() -> "0" + digits(data)), lazy(() -> "+" + digits(data)), lazy(() -> "00" + digits(data)),
                lazy(() -> data.consumeString(40)), 84912345678L);
    }

    private static Object text(FuzzedDataProvider data, String valid, int limit) {
        return pick(data, valid, "", " ", "x".repeat(limit), "x".repeat(limit + 1),
                lazy(() -> data.consumeString(limit + 10)), "' OR 1=1 --", "=HYPERLINK(\"http://evil\")", "\u0000", 42);
    }

    private static Object flag(FuzzedDataProvider data) {
        return pick(data, false, true, "yes", 0);
    }

    private static String digits(FuzzedDataProvider data) {
        StringBuilder digits = new StringBuilder();
        for (int i = data.consumeInt(0, 16); i > 0; i--) {
            digits.append((char) ('0' + data.consumeInt(0, 9)));
        }
        return digits.toString();
    }

    private static List<String> symptoms(FuzzedDataProvider data) {
        List<String> symptoms = new ArrayList<>();
        for (int i = data.consumeInt(0, 9); i > 0; i--) {
            symptoms.add(data.pickValue(SYMPTOMS));
        }
        return symptoms;
    }

    /** A value drawn from the input only when it is the one picked. */
    private interface Lazy extends Supplier<Object> {
    }

    private static Lazy lazy(Lazy value) {
        return value;
    }

    /** The valid value (choice 0), one of the others, null or no field at all. */
    private static Object pick(FuzzedDataProvider data, Object valid, Object... others) {
        int choice = data.consumeInt(0, others.length + 2);
        if (choice == 0) {
            return valid;
        }
        if (choice > others.length) {
            return choice == others.length + 1 ? null : ABSENT;
        }
        Object other = others[choice - 1];
        return other instanceof Lazy value ? value.get() : other;
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != ABSENT) {
            map.put(key, value);
        }
    }

    private static byte[] json(Map<String, Object> body) {
        try {
            return JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
