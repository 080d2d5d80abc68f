package vn.checkin.auth;

import java.util.Set;

/** The roles carried in a token's {@code groups} claim. */
public final class Roles {

    public static final String ADMIN = "ADMIN";
    public static final String RECEPTION = "RECEPTION";
    public static final String TRACER = "TRACER";
    public static final Set<String> ALL = Set.of(ADMIN, RECEPTION, TRACER);

    private Roles() {
    }
}
