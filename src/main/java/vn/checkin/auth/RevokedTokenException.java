package vn.checkin.auth;

import io.quarkus.security.AuthenticationFailedException;

/**
 * Why a well-signed token was refused: its session has ended (logout, an account change) or its kiosk was revoked.
 * Carried as the cause of the {@link AuthenticationFailedException} the security layer expects (which is final);
 * the problem mapper answers 401 {@code revoked-token} for it.
 */
public final class RevokedTokenException extends RuntimeException {

    private RevokedTokenException() {
        super("revoked token", null, false, false);
    }

    public static AuthenticationFailedException failure() {
        return new AuthenticationFailedException(new RevokedTokenException());
    }

    public static boolean isCauseOf(AuthenticationFailedException e) {
        return e.getCause() instanceof RevokedTokenException;
    }
}
