package vn.checkin.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import vn.checkin.support.Api;
import vn.checkin.support.Api.Staff;
import vn.checkin.support.Api.TestSite;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Login and the tokens it issues. Each test uses its own accounts: failed logins count per username,
 * so a lockout here never touches another test. Keep failed logins few: they also count per address.
 */
@QuarkusTest
class AuthResourceTest {

    private static final String TOKEN_PATH = "/api/v1/auth/token";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    // --- Login -------------------------------------------------------------------------------------

    @Test
    void loginAnswersABearerTokenWithTheAccountsRoles() {
        Staff staff = Api.reception(Api.createSite().id());

        login(staff.username(), Api.STAFF_PASSWORD)
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("accessToken", not(emptyOrNullString()))
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", greaterThan(0))
                .body("roles", contains("RECEPTION"));
    }

    @Test
    void tokenIsAnRs256JwtSignedByTheServiceWithTheContractClaims() throws Exception {
        TestSite site = Api.createSite();
        Staff staff = Api.reception(site.id());
        ExtractableResponse<Response> issued = login(staff.username(), Api.STAFF_PASSWORD)
                .then().statusCode(200).extract();
        String[] parts = ((String) issued.path("accessToken")).split("\\.");

        assertEquals(3, parts.length, "a JWS in compact form has three parts");
        assertEquals("RS256", decodePart(parts[0]).path("alg").asText());
        assertTrue(signatureVerifies(parts, servicePublicKey()), "signed by the service's key");
        JsonNode claims = decodePart(parts[1]);
        assertEquals(config("checkin.auth.issuer"), claims.path("iss").asText());
        assertEquals(staff.id(), claims.path("sub").asText());
        assertEquals(staff.username(), claims.path("upn").asText());
        assertEquals(List.of("RECEPTION"), texts(claims.path("groups")));
        assertEquals(List.of(site.id()), texts(claims.path("sites")));
        assertTrue(texts(claims.path("aud")).contains(config("checkin.auth.audience")), "aud: " + claims.path("aud"));
        assertFalse(claims.path("jti").asText().isBlank(), "jti");
        long issuedAt = claims.path("iat").asLong();
        assertTrue(Math.abs(issuedAt - Instant.now().getEpochSecond()) < 300, "iat is now: " + issuedAt);
        assertEquals(((Number) issued.path("expiresIn")).longValue(), claims.path("exp").asLong() - issuedAt);
    }

    @Test
    void everyTokenHasItsOwnJti() throws Exception {
        Staff staff = Api.tracer();

        String first = claimsOf(Api.login(staff.username(), Api.STAFF_PASSWORD)).path("jti").asText();
        String second = claimsOf(Api.login(staff.username(), Api.STAFF_PASSWORD)).path("jti").asText();

        assertNotEquals(first, second);
    }

    @Test
    void wrongPasswordIs401ProblemWithoutToken() {
        Staff staff = Api.tracer();

        expectProblem(login(staff.username(), "not-" + Api.STAFF_PASSWORD), 401)
                .body("instance", equalTo(TOKEN_PATH))
                .body("accessToken", nullValue());
    }

    @Test
    void unknownUserIs401ProblemWithoutToken() {
        expectProblem(login(Api.unique("nobody"), Api.STAFF_PASSWORD), 401)
                .body("accessToken", nullValue());
    }

    @Test
    void blankUsernameAndPasswordAre400WithViolations() {
        expectProblem(postLogin(Map.of("username", " ", "password", "")), 400)
                .body("violations.field", hasItems("username", "password"));
    }

    @Test
    void missingFieldsAre400WithViolations() {
        expectProblem(postLogin(Map.of()), 400)
                .body("violations.field", hasItems("username", "password"));
    }

    @Test
    void malformedJsonIs400ProblemWithoutJavaDetails() {
        expectProblem(given().contentType(ContentType.JSON).body("{\"username\": \"admin\", ").post(TOKEN_PATH), 400)
                .body(not(containsString("Exception")))
                .body(not(containsString("com.fasterxml")));
    }

    @Test
    void wrongContentTypeIs415() {
        expectProblem(given().contentType(ContentType.URLENC)
                .formParam("username", "admin").formParam("password", Api.ADMIN_PASSWORD)
                .post(TOKEN_PATH), 415);
    }

    @Test
    void repeatedFailuresForOneUsernameAre429WithRetryAfterEvenWithTheRightPassword() {
        Staff staff = Api.tracer();
        Staff colleague = Api.tracer();
        int maxFailures = ConfigProvider.getConfig().getValue("checkin.auth.max-failed-logins", Integer.class);
        Duration lockout = ConfigProvider.getConfig().getValue("checkin.auth.lockout", Duration.class);
        for (int attempt = 1; attempt <= maxFailures; attempt++) {
            login(staff.username(), "wrong-password-" + attempt).then().statusCode(401);
        }

        String retryAfter = expectProblem(login(staff.username(), Api.STAFF_PASSWORD), 429)
                .body("accessToken", nullValue())
                .extract().header("Retry-After");

        long seconds = Long.parseLong(retryAfter);
        assertTrue(seconds > 0 && seconds <= lockout.toSeconds(), "Retry-After: " + retryAfter);
        login(colleague.username(), Api.STAFF_PASSWORD).then().statusCode(200);
    }

    // --- Tokens the service did not issue --------------------------------------------------------------

    @Test
    void tokenBuiltLikeTheServicesAndSignedWithItsKeyIsAccepted() throws Exception {
        // The control for the rejections below: only the one changed property makes them fail.
        String token = adminClaims().jws().sign(servicePrivateKey());

        getSites(token).then().statusCode(200);
    }

    @Test
    void tokenSignedWithAForeignKeyIs401() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair foreign = generator.generateKeyPair();

        expectProblem(getSites(adminClaims().jws().sign(foreign.getPrivate())), 401);
    }

    @Test
    void expiredTokenIs401() throws Exception {
        long now = Instant.now().getEpochSecond();
        String token = adminClaims().issuedAt(now - 7200).expiresAt(now - 3600).jws().sign(servicePrivateKey());

        expectProblem(getSites(token), 401);
    }

    @Test
    void tokenWithAnotherIssuerIs401() throws Exception {
        String token = adminClaims().issuer("https://attacker.example/issuer").jws().sign(servicePrivateKey());

        expectProblem(getSites(token), 401);
    }

    @Test
    void tokenForAnotherAudienceIs401() throws Exception {
        String token = adminClaims().audience("another-api").jws().sign(servicePrivateKey());

        expectProblem(getSites(token), 401);
    }

    @Test
    void garbageBearerTokenIs401() {
        expectProblem(getSites("not.a-jwt.at-all"), 401);
    }

    // --- Helpers -----------------------------------------------------------------------------------

    private static Response login(String username, String password) {
        return postLogin(Map.of("username", username, "password", password));
    }

    private static Response postLogin(Map<String, ?> body) {
        return given().contentType(ContentType.JSON).body(body).post(TOKEN_PATH);
    }

    private static Response getSites(String token) {
        return given().auth().oauth2(token).get("/api/v1/sites");
    }

    private static ValidatableResponse expectProblem(Response response, int status) {
        return response.then().statusCode(status)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(status))
                .body("title", not(emptyOrNullString()));
    }

    /**
     * An administrator's claims as the service issues them, valid for ten minutes, in the session of a real login
     * (a token naming no live session is refused).
     */
    private static JwtClaimsBuilder adminClaims() {
        long now = Instant.now().getEpochSecond();
        String[] session = sessionOf(Api.adminToken());
        return Jwt.issuer(config("checkin.auth.issuer"))
                .subject(session[0])
                .claim("sid", session[1])
                .upn("admin")
                .audience(config("checkin.auth.audience"))
                .groups(Set.of("ADMIN"))
                .claim("sites", List.of())
                .issuedAt(now)
                .expiresAt(now + 600)
                .claim("jti", UUID.randomUUID().toString());
    }

    /** The subject and session id of a token the service issued. */
    private static String[] sessionOf(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                StandardCharsets.UTF_8);
        JsonPath claims = JsonPath.from(payload);
        return new String[]{claims.getString("sub"), claims.getString("sid")};
    }

    private static String config(String key) {
        return ConfigProvider.getConfig().getValue(key, String.class);
    }

    private static PrivateKey servicePrivateKey() throws Exception {
        byte[] der = pemBody(config("checkin.auth.private-key-location"), "PRIVATE KEY");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    private static PublicKey servicePublicKey() throws Exception {
        byte[] der = pemBody(config("checkin.auth.public-key-location"), "PUBLIC KEY");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    }

    private static byte[] pemBody(String file, String type) throws Exception {
        String pem = Files.readString(Path.of(file), StandardCharsets.US_ASCII);
        return Base64.getMimeDecoder().decode(pem.replace("-----BEGIN " + type + "-----", "")
                .replace("-----END " + type + "-----", ""));
    }

    private static boolean signatureVerifies(String[] parts, PublicKey key) throws Exception {
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(key);
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return rs256.verify(Base64.getUrlDecoder().decode(parts[2]));
    }

    private static JsonNode claimsOf(String token) throws Exception {
        return decodePart(token.split("\\.")[1]);
    }

    private static JsonNode decodePart(String base64Url) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(base64Url));
    }

    /** A claim that may be one string or an array of strings, as a list. */
    private static List<String> texts(JsonNode claim) {
        List<String> values = new ArrayList<>();
        if (claim.isArray()) {
            claim.forEach(value -> values.add(value.asText()));
        } else if (!claim.isMissingNode() && !claim.isNull()) {
            values.add(claim.asText());
        }
        return values;
    }
}
