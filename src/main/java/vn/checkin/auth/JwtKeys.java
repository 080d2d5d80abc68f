package vn.checkin.auth;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import vn.checkin.common.SecretFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The RSA key pair that signs access tokens. Read from the configured PEM files; when neither file
 * exists (first start of a single instance) a pair is generated there. Replicas must share configured keys.
 */
@ApplicationScoped
public class JwtKeys {

    private static final Logger LOG = Logger.getLogger(JwtKeys.class);

    private final AuthConfig config;
    private volatile PrivateKey privateKey;

    JwtKeys(AuthConfig config) {
        this.config = config;
    }

    /** Runs before anything can verify a token, so the public key file exists when SmallRye JWT reads it. */
    void onStart(@Observes @Priority(10) StartupEvent event) {
        privateKey();
    }

    public PrivateKey privateKey() {
        PrivateKey key = privateKey;
        if (key == null) {
            synchronized (this) {
                if (privateKey == null) {
                    privateKey = loadOrGenerate();
                }
                key = privateKey;
            }
        }
        return key;
    }

    private PrivateKey loadOrGenerate() {
        Path privatePath = Path.of(config.privateKeyLocation());
        Path publicPath = Path.of(config.publicKeyLocation());
        try {
            if (!Files.exists(privatePath) && !Files.exists(publicPath)) {
                generate(privatePath, publicPath);
            } else if (!Files.exists(privatePath) || !Files.exists(publicPath)) {
                throw new IllegalStateException("Token keys: both " + privatePath + " and " + publicPath
                        + " must exist (or neither, to generate a pair)");
            }
            return parsePrivateKey(Files.readString(privatePath, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the token signing key", e);
        }
    }

    private static void generate(Path privatePath, Path publicPath) throws IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            SecretFiles.write(privatePath, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            SecretFiles.write(publicPath, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            LOG.infof("Generated a new token signing key pair in %s", privatePath.toAbsolutePath().getParent());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }

    static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    static PrivateKey parsePrivateKey(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The token signing key is not a PKCS#8 RSA private key in PEM", e);
        }
    }
}
