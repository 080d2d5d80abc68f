package vn.checkin.security;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Signed tokens built in the test with jose4j: the service's own key and claims as a baseline, then each one
 * thing an attacker could change. Only usable inside a {@code @QuarkusTest} (reads the configured key files).
 */
public final class Tokens {

    private Tokens() {
    }

    static String issuer() {
        return config("checkin.auth.issuer");
    }

    static String audience() {
        return config("checkin.auth.audience");
    }

    /** The claims the service issues, for an administrator, valid for five minutes from now. */
    static JwtClaims adminClaims() {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer());
        // The session of a real administrator's login: a token naming no live session is refused as revoked.
        JwtClaims session = payloadOf(vn.checkin.support.Api.adminToken());
        claims.setClaim("sub", session.getClaimValue("sub"));
        claims.setClaim("sid", session.getClaimValue("sid"));
        claims.setClaim("upn", "forged-admin");
        claims.setAudience(audience());
        claims.setStringListClaim("groups", List.of("ADMIN"));
        claims.setStringListClaim("sites", List.of());
        Instant now = Instant.now();
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(now.plusSeconds(300).getEpochSecond()));
        claims.setJwtId(UUID.randomUUID().toString());
        return claims;
    }

    /** The claims of a token, read without checking its signature. */
    public static JwtClaims payloadOf(String token) {
        try {
            return JwtClaims.parse(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                    StandardCharsets.UTF_8));
        } catch (org.jose4j.jwt.consumer.InvalidJwtException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String signWithServiceKey(JwtClaims claims) {
        return sign(claims, AlgorithmIdentifiers.RSA_USING_SHA256, servicePrivateKey());
    }

    static String signWithForeignKey(JwtClaims claims) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return sign(claims, AlgorithmIdentifiers.RSA_USING_SHA256, generator.generateKeyPair().getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The classic key-confusion attack: HMAC keyed with the bytes of the service's public key file. */
    static String hs256WithPublicKeyBytes(JwtClaims claims, boolean pem) {
        String text = read(config("checkin.auth.public-key-location"));
        byte[] key = pem ? text.getBytes(StandardCharsets.US_ASCII) : Base64.getDecoder().decode(body(text));
        return sign(claims, AlgorithmIdentifiers.HMAC_SHA256, new HmacKey(key));
    }

    /** An unsigned token ({@code alg: none}, empty signature). */
    static String unsigned(JwtClaims claims) {
        return sign(claims, AlgorithmIdentifiers.NONE, null);
    }

    /** A valid RECEPTION token whose payload was then rewritten to say ADMIN, the signature kept. */
    static String tamperedToAdmin() {
        JwtClaims claims = adminClaims();
        claims.setStringListClaim("groups", List.of("RECEPTION"));
        String[] parts = signWithServiceKey(claims).split("\\.");
        claims.setStringListClaim("groups", List.of("ADMIN"));
        String payload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.toJson().getBytes(StandardCharsets.UTF_8));
        return parts[0] + "." + payload + "." + parts[2];
    }

    private static String sign(JwtClaims claims, String algorithm, Key key) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(algorithm);
        jws.setHeader("typ", "JWT");
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        jws.setDoKeyValidation(false);
        if (key != null) {
            jws.setKey(key);
        }
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey servicePrivateKey() {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                    Base64.getDecoder().decode(body(read(config("checkin.auth.private-key-location"))))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String body(String pem) {
        return pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
    }

    private static String read(String location) {
        try {
            return Files.readString(Path.of(location), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String config(String name) {
        return ConfigProvider.getConfig().getValue(name, String.class);
    }
}
