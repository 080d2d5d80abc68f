package vn.checkin.security;

import vn.checkin.support.Api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Who may call what: the expected status of every operation for every role, keyed by "METHOD /path" as the
 * OpenAPI document names it. The contract's roles: ADMIN everything; RECEPTION only its own sites (A here);
 * TRACER tracing, audit, reports, reading sites; visitors anonymous, with the checkout token for their visit; a
 * kiosk device enrolled for site A fetches site A's kiosk codes and nothing else.
 */
final class AccessRules {

    enum Role { ANONYMOUS, VISITOR, RECEPTION_A, RECEPTION_B, TRACER, ADMIN, KIOSK_A }

    private static final Map<String, Rule> RULES = rules();

    private AccessRules() {
    }

    static Map<String, Rule> all() {
        return RULES;
    }

    /** Expected statuses per role, what to send, and (for calls that end what they use) a token of their own. */
    record Rule(Map<Role, Integer> expected, String accept,
                BiFunction<AccessFixture, Role, Map<String, Object>> query,
                BiFunction<AccessFixture, Role, Object> body,
                BiFunction<AccessFixture, Role, String> token) {

        Rule(Map<Role, Integer> expected, String accept, BiFunction<AccessFixture, Role, Map<String, Object>> query,
             BiFunction<AccessFixture, Role, Object> body) {
            this(expected, accept, query, body, null);
        }

        String token(AccessFixture fixture, Role role) {
            return token == null ? fixture.tokenOf(role) : token.apply(fixture, role);
        }

        Rule token(BiFunction<AccessFixture, Role, String> supplier) {
            return new Rule(expected, accept, query, body, supplier);
        }

        int expected(Role role) {
            return expected.get(role);
        }

        Map<String, Object> query(AccessFixture fixture, Role role) {
            return query == null ? Map.of() : query.apply(fixture, role);
        }

        Object body(AccessFixture fixture, Role role) {
            return body == null ? null : body.apply(fixture, role);
        }

        Rule accept(String mediaType) {
            return new Rule(expected, mediaType, query, body, token);
        }

        Rule query(BiFunction<AccessFixture, Role, Map<String, Object>> params) {
            return new Rule(expected, accept, params, body, token);
        }

        Rule body(BiFunction<AccessFixture, Role, Object> supplier) {
            return new Rule(expected, accept, query, supplier, token);
        }

        Rule also(Role role, int status) {
            Map<Role, Integer> more = new EnumMap<>(expected);
            more.put(role, status);
            return new Rule(more, accept, query, body, token);
        }
    }

    private static Map<String, Rule> rules() {
        Map<String, Rule> rules = new TreeMap<>();
        rules.put("POST /api/v1/auth/token", everyone(200).body((f, r) ->
                Map.of("username", f.tracer.username(), "password", Api.STAFF_PASSWORD)));

        // Logging out ends the token it is called with: each call logs in anew.
        rules.put("POST /api/v1/auth/logout", staff(204, Role.ADMIN, Role.TRACER, Role.RECEPTION_A, Role.RECEPTION_B)
                .token(AccessFixture::freshTokenOf));

        rules.put("POST /api/v1/checkins", everyone(201).body((f, r) -> f.checkinBody()));
        rules.put("GET /api/v1/checkins/{visitId}", visitorOnly(200, 401)
                .query((f, r) -> r == Role.VISITOR ? Map.of("checkoutToken", f.checkoutToken) : Map.of()));
        rules.put("POST /api/v1/checkins/{visitId}/checkout", visitorOnly(200, 403)
                .body((f, r) -> Map.of("checkoutToken", r == Role.VISITOR ? f.checkoutToken : "not-the-token-123456")));

        rules.put("GET /api/v1/sites", staff(200, Role.ADMIN, Role.TRACER, Role.RECEPTION_A, Role.RECEPTION_B));
        rules.put("POST /api/v1/sites", staff(201, Role.ADMIN).body((f, r) ->
                Map.of("code", Api.unique("matrix"), "name", "Chi nhánh ma trận")));
        rules.put("GET /api/v1/sites/{id}", staff(200, Role.ADMIN, Role.TRACER, Role.RECEPTION_A));
        rules.put("PATCH /api/v1/sites/{id}", staff(200, Role.ADMIN).body((f, r) ->
                Map.of("address", "12 Nguyễn Huệ, Quận 1")));
        rules.put("POST /api/v1/sites/{id}/qr/rotate", staff(200, Role.ADMIN));
        rules.put("GET /api/v1/sites/{id}/qr", staff(200, Role.ADMIN, Role.RECEPTION_A).accept("image/png"));
        rules.put("GET /api/v1/sites/{id}/poster", staff(200, Role.ADMIN, Role.RECEPTION_A).accept("application/pdf"));
        rules.put("GET /api/v1/sites/{siteId}/kiosk-qr", staff(200, Role.ADMIN, Role.RECEPTION_A, Role.KIOSK_A));
        rules.put("POST /api/v1/sites/{siteId}/kiosks", staff(201, Role.ADMIN, Role.RECEPTION_A).body((f, r) ->
                Map.of("name", "Cổng ma trận")));
        rules.put("GET /api/v1/sites/{siteId}/kiosks", staff(200, Role.ADMIN, Role.RECEPTION_A));
        // {kioskId} is a kiosk enrolled for this one call (see AccessFixture#fill).
        rules.put("DELETE /api/v1/sites/{siteId}/kiosks/{kioskId}", staff(204, Role.ADMIN, Role.RECEPTION_A));

        rules.put("GET /api/v1/sites/{siteId}/visits", staff(200, Role.ADMIN, Role.RECEPTION_A));
        rules.put("POST /api/v1/sites/{siteId}/visits", staff(201, Role.ADMIN, Role.RECEPTION_A).body((f, r) -> {
            Map<String, Object> body = new LinkedHashMap<>(f.checkinBody());
            body.remove("qr");
            return body;
        }));
        rules.put("GET /api/v1/sites/{siteId}/occupancy", staff(200, Role.ADMIN, Role.RECEPTION_A));
        rules.put("GET /api/v1/visits/{visitId}", staff(200, Role.ADMIN, Role.RECEPTION_A));
        rules.put("POST /api/v1/visits/{visitId}/checkout", staff(200, Role.ADMIN, Role.RECEPTION_A));

        rules.put("POST /api/v1/tracing/queries", staff(201, Role.ADMIN, Role.TRACER).body((f, r) -> Map.of(
                "case", Map.of("phone", f.visitorPhone),
                "from", Instant.now().minusSeconds(86_400).toString(), "to", Instant.now().plusSeconds(3600).toString(),
                "minOverlapMinutes", 15, "bufferMinutes", 0, "depth", 1, "reason", "Ma trận quyền")));
        rules.put("GET /api/v1/tracing/queries/{id}", staff(200, Role.ADMIN, Role.TRACER));
        rules.put("GET /api/v1/tracing/queries/{id}/export", staff(200, Role.ADMIN, Role.TRACER)
                .accept("*/*").query((f, r) -> Map.of("format", "csv")));
        rules.put("GET /api/v1/audit", staff(200, Role.ADMIN, Role.TRACER));

        Rule period = staff(200, Role.ADMIN, Role.TRACER, Role.RECEPTION_A, Role.RECEPTION_B)
                .query((f, r) -> Map.of("from", LocalDate.now().minusDays(1).toString(), "to", LocalDate.now().toString()));
        rules.put("GET /api/v1/reports/summary", period);
        rules.put("GET /api/v1/reports/declarations", period.query((f, r) -> Map.of("from",
                LocalDate.now().minusDays(1).toString(), "to", LocalDate.now().toString(), "flag", "FEVER")));
        rules.put("GET /api/v1/reports/daily", staff(200, Role.ADMIN, Role.TRACER));
        rules.put("GET /api/v1/reports/daily/{id}", staff(200, Role.ADMIN, Role.TRACER));

        rules.put("GET /api/v1/users", staff(200, Role.ADMIN));
        rules.put("POST /api/v1/users", staff(201, Role.ADMIN).body((f, r) -> Map.of("username", Api.unique("matrix"),
                "password", Api.STAFF_PASSWORD, "displayName", "Người dùng ma trận", "roles", List.of("TRACER"),
                "siteIds", List.of())));
        rules.put("GET /api/v1/users/{id}", staff(200, Role.ADMIN));
        rules.put("PATCH /api/v1/users/{id}", staff(200, Role.ADMIN).body((f, r) ->
                Map.of("displayName", "Đổi tên ma trận")));

        rules.put("GET /c/{siteCode}", everyone(200).accept("text/html"));
        // The staff pages are static: they ask for a login themselves and call the API with the token.
        rules.put("GET /reception", everyone(200).accept("text/html"));
        rules.put("GET /reception/kiosk", everyone(200).accept("text/html"));
        rules.put("GET /tracing", everyone(200).accept("text/html"));
        rules.put("GET /admin", everyone(200).accept("text/html"));
        rules.put("GET /audit", everyone(200).accept("text/html"));
        rules.put("GET /admin/audit", everyone(200).accept("text/html"));
        return rules;
    }

    /** Public: the same answer for everyone. */
    private static Rule everyone(int status) {
        Map<Role, Integer> expected = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            expected.put(role, status);
        }
        return new Rule(expected, "application/json", null, null);
    }

    /** A visitor's own visit: the checkout token opens it; anyone else (staff included) gets {@code others}. */
    private static Rule visitorOnly(int status, int others) {
        Map<Role, Integer> expected = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            expected.put(role, role == Role.VISITOR ? status : others);
        }
        return new Rule(expected, "application/json", null, null);
    }

    /** Staff only: these roles get {@code status}, other staff 403, callers without a login 401. */
    private static Rule staff(int status, Role... allowed) {
        List<Role> allowedRoles = List.of(allowed);
        Map<Role, Integer> expected = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            boolean anonymous = role == Role.ANONYMOUS || role == Role.VISITOR;
            expected.put(role, allowedRoles.contains(role) ? status : anonymous ? 401 : 403);
        }
        return new Rule(expected, "application/json", null, null);
    }
}
