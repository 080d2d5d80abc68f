package vn.checkin.site;

import vn.checkin.common.ApiException;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a visitor's phone scanned: the whole check-in URL, its path and query ({@code /c/code?v=..&s=..}),
 * or a bare query naming the site ({@code site=code&v=..&s=..}). Parsing never trusts it: the signature
 * is checked by {@link QrSigner} before anything is stored.
 */
public record ScannedQr(String siteCode, int version, String signature, Long issuedAt) {

    /** A poster's code: no issue time. */
    public ScannedQr(String siteCode, int version, String signature) {
        this(siteCode, version, signature, null);
    }

    /** A kiosk screen's code carries the second it was issued ({@code t}); a poster's does not. */
    public boolean isKioskCode() {
        return issuedAt != null;
    }

    private static final int MAX_LENGTH = 1024;
    private static final Pattern CODE = Pattern.compile("[a-z0-9-]{3,40}");
    private static final Pattern SIGNATURE = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    public static ScannedQr parse(String scanned) {
        if (scanned == null || scanned.isBlank() || scanned.length() > MAX_LENGTH) {
            throw invalid();
        }
        String text = scanned.trim();
        String path = "";
        String query = text;
        try {
            if (text.startsWith("http://") || text.startsWith("https://") || text.startsWith("/")) {
                URI uri = new URI(text);
                path = uri.getRawPath() == null ? "" : uri.getRawPath();
                query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
            } else if (text.startsWith("?")) {
                query = text.substring(1);
            }
        } catch (Exception e) {
            throw invalid();
        }
        Map<String, String> params = queryParams(query);
        String code = siteCodeFrom(path, params);
        String version = params.get("v");
        String signature = params.get("s");
        String issuedAt = params.get("t");
        if (code == null || !CODE.matcher(code).matches() || version == null || signature == null
                || !SIGNATURE.matcher(signature).matches() || !version.matches("\\d{1,9}")
                || issuedAt != null && !issuedAt.matches("\\d{1,12}")) {
            throw invalid();
        }
        return new ScannedQr(code, Integer.parseInt(version), signature,
                issuedAt == null ? null : Long.valueOf(issuedAt));
    }

    private static String siteCodeFrom(String path, Map<String, String> params) {
        int at = path.lastIndexOf("/c/");
        if (at >= 0) {
            String rest = path.substring(at + 3);
            return rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest;
        }
        return params.get("site");
    }

    private static Map<String, String> queryParams(String query) {
        Map<String, String> params = new HashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    params.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException badEscape) { // "%" not followed by two hex digits
                    throw invalid();
                }
            }
        }
        return params;
    }

    static ApiException invalid() {
        return ApiException.badRequest("invalid-qr",
                "This is not a check-in code of this service. Scan the code posted at the entrance.");
    }
}
