package vn.checkin.support;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.UUID;

/**
 * Login sessions of staff tokens (the {@code sid} claim) for audit tests. Once every login issues a token with a
 * session, {@link #withSession} hands that token back unchanged; a token issued without one (before the session
 * work) gets a copy of its claims with a new {@code sid}, signed with the service's key, so the tests of the
 * session's audit behaviour run either way. Only usable inside a {@code @QuarkusTest} (reads the key file).
 */
public final class Sessions {

    private Sessions() {
    }

    /** The token's {@code sid} claim, or null when it has none. The signature is not checked here. */
    public static String sessionOf(String token) {
        try {
            JwtClaims claims = claims(token);
            return claims.hasClaim("sid") ? claims.getStringClaimValue("sid") : null;
        } catch (MalformedClaimException e) {
            throw new IllegalArgumentException("sid is not a string", e);
        }
    }

    /** The token itself when it names a session; otherwise the same login with a session of its own. */
    public static String withSession(String token) {
        if (sessionOf(token) != null) {
            return token;
        }
        JwtClaims claims = claims(token);
        claims.setClaim("sid", UUID.randomUUID().toString());
        claims.setJwtId(UUID.randomUUID().toString());
        return sign(claims);
    }

    private static JwtClaims claims(String token) {
        String[] parts = token.split("\\.");
        String json = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        try {
            return JwtClaims.parse(json);
        } catch (InvalidJwtException e) {
            throw new IllegalArgumentException("not a token's claims", e);
        }
    }

    private static String sign(JwtClaims claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        jws.setKeyIdHeaderValue("checkin-rs256");
        jws.setKey(servicePrivateKey());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey servicePrivateKey() {
        String location = ConfigProvider.getConfig().getValue("checkin.auth.private-key-location", String.class);
        try {
            String pem = Files.readString(Path.of(location), StandardCharsets.US_ASCII);
            byte[] der = Base64.getDecoder().decode(pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "")
                    .replaceAll("\\s", ""));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
