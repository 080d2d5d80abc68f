package vn.checkin.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;

import java.nio.charset.StandardCharsets;

/** bcrypt password hashing. A dummy hash keeps the time of a login for an unknown user the same. */
public final class Passwords {

    private static final int COST = 10;
    private static final String DUMMY_HASH = hash("not-a-real-password-" + System.nanoTime());

    private Passwords() {
    }

    public static String hash(String password) {
        return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
    }

    public static boolean matches(String password, String hash) {
        if (password == null || hash == null) {
            return false;
        }
        return BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
                hash.getBytes(StandardCharsets.US_ASCII)).verified;
    }

    /** Spend the same time as a real check when the user does not exist. */
    public static void burnTime(String password) {
        matches(password == null ? "" : password, DUMMY_HASH);
    }
}
