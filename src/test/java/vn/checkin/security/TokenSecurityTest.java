package vn.checkin.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static vn.checkin.support.Http.PROBLEM_JSON;

/**
 * Real signed tokens, each wrong in one way, against protected endpoints: every one is 401 problem+json. The
 * baseline (the service's key and claims) is accepted, so a test here fails if verification stopped working
 * as a whole rather than passing for the wrong reason.
 */
@QuarkusTest
class TokenSecurityTest {

    /** Protected endpoints of each feature that an ADMIN token may read. */
    private static final List<String> PROTECTED = List.of("/api/v1/sites", "/api/v1/users", "/api/v1/audit",
            "/api/v1/reports/daily");

    @Test
    void theBaselineTokenIsAccepted() {
        String token = Tokens.signWithServiceKey(Tokens.adminClaims());
        for (String path : PROTECTED) {
            given().auth().oauth2(token).get(path).then().statusCode(200);
        }
    }

    static Stream<Arguments> badTokens() {
        return Stream.of(
                bad("alg none", () -> Tokens.unsigned(Tokens.adminClaims())),
                bad("HS256 keyed with the public key PEM", () -> Tokens.hs256WithPublicKeyBytes(Tokens.adminClaims(), true)),
                bad("HS256 keyed with the public key DER", () -> Tokens.hs256WithPublicKeyBytes(Tokens.adminClaims(), false)),
                bad("foreign RSA key", () -> Tokens.signWithForeignKey(Tokens.adminClaims())),
                bad("payload rewritten after signing", Tokens::tamperedToAdmin),
                bad("expired an hour ago", () -> Tokens.signWithServiceKey(expiredAnHourAgo())),
                bad("wrong issuer", () -> Tokens.signWithServiceKey(with(c -> c.setIssuer("https://evil.example/")))),
                bad("wrong audience", () -> Tokens.signWithServiceKey(with(c -> c.setAudience("another-api")))),
                bad("no audience", () -> Tokens.signWithServiceKey(with(c -> c.unsetClaim("aud")))),
                bad("no groups", () -> Tokens.signWithServiceKey(with(c -> c.unsetClaim("groups")))),
                bad("no subject", () -> Tokens.signWithServiceKey(with(c -> c.unsetClaim("sub")))),
                bad("not a JWT", () -> "not-a-token"),
                bad("empty signature on an RS256 header", () -> {
                    String[] parts = Tokens.signWithServiceKey(Tokens.adminClaims()).split("\\.");
                    return parts[0] + "." + parts[1] + ".";
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void badTokenIsUnauthorizedEverywhere(String description, Supplier<String> token) {
        String bearer = token.get();
        for (String path : PROTECTED) {
            Response response = given().auth().oauth2(bearer).get(path);
            response.then().statusCode(401)
                    .contentType(PROBLEM_JSON)
                    .header("WWW-Authenticate", equalTo("Bearer"))
                    .body("status", equalTo(401));
        }
        // A write as well: nothing is created with a bad token.
        given().auth().oauth2(bearer).contentType("application/json")
                .body("{\"code\":\"forged-site\",\"name\":\"Forged\"}")
                .post("/api/v1/sites").then().statusCode(401);
    }

    private static Arguments bad(String description, Supplier<String> token) {
        return Arguments.of(description, token);
    }

    private static JwtClaims expiredAnHourAgo() {
        Instant now = Instant.now();
        return with(c -> {
            c.setIssuedAt(NumericDate.fromSeconds(now.minusSeconds(7200).getEpochSecond()));
            c.setExpirationTime(NumericDate.fromSeconds(now.minusSeconds(3600).getEpochSecond()));
        });
    }

    private static JwtClaims with(java.util.function.Consumer<JwtClaims> change) {
        JwtClaims claims = Tokens.adminClaims();
        change.accept(claims);
        return claims;
    }
}
