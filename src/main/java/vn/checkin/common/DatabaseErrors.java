package vn.checkin.common;

import jakarta.persistence.OptimisticLockException;
import org.hibernate.StaleStateException;
import org.hibernate.exception.JDBCConnectionException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/** What a database failure means for the request that met it: unreachable database, or a lost race. */
public final class DatabaseErrors {

    /**
     * SQL states of a transaction that lost a race with another and would succeed if run again: a unique key
     * taken meanwhile (23505), a serialization failure (40001), a deadlock (40P01, H2 40001), a lock wait given up
     * (PostgreSQL 55P03, H2 HYT00) and H2's concurrent update of one row (90131).
     */
    private static final Set<String> LOST_RACE = Set.of("23505", "40001", "40P01", "55P03", "HYT00", "90131");

    private DatabaseErrors() {
    }

    /** The database could not be reached or gave no connection: nothing the request did is to blame. */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof JDBCConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
            if (t instanceof SQLException && isFromConnectionPool(t)) {
                return true;
            }
        }
        return false;
    }

    /** The transaction lost a race with a concurrent one (see {@link #LOST_RACE}): running it again may succeed. */
    public static boolean isLostRace(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && LOST_RACE.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The pool's own failures (acquisition timeout, a connection lost with its transaction) carry no SQL
     * state: no connection could be had because the database does not answer or every connection is stuck.
     */
    private static boolean isFromConnectionPool(Throwable t) {
        StackTraceElement[] stack = t.getStackTrace();
        return stack.length > 0 && stack[0].getClassName().startsWith("io.agroal.");
    }
}
