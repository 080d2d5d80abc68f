package vn.checkin.auth;

import java.util.Set;

/** The roles carried in a token's {@code groups} claim. */
public final class Roles {

    public static final String ADMIN = "ADMIN";
    public static final String RECEPTION = "RECEPTION";
    public static final String TRACER = "TRACER";
    /** Staff roles, the ones an account can be given. */
    public static final Set<String> ALL = Set.of(ADMIN, RECEPTION, TRACER);
    /** An enrolled entrance screen: fetches its one site's kiosk codes and nothing else. Never a staff account's. */
    public static final String KIOSK = "KIOSK";

    private Roles() {
    }
}
