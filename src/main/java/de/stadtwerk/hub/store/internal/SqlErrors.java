package de.stadtwerk.hub.store.internal;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Decides whether a database error is about the data (retrying cannot help; the row goes to the quarantine)
 * or about the database (retry later; nothing is lost). Anything not clearly about the data counts as
 * transient, so that no value is dropped on an unknown error.
 */
public final class SqlErrors {

    private SqlErrors() {
    }

    /** SQLSTATE class 22 (data exception) or 23 (integrity constraint violation). */
    public static boolean isDataError(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if (x instanceof SQLTransientException || x instanceof SQLRecoverableException
                    || x instanceof SQLNonTransientConnectionException) {
                return false;
            }
            String state = x.getSQLState();
            if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    /** The most telling message of a chain of SQL exceptions (batch errors hide the cause in the next one). */
    public static String describe(SQLException e) {
        SQLException last = e;
        for (SQLException x = e.getNextException(); x != null; x = x.getNextException()) {
            last = x;
        }
        String msg = last.getMessage();
        return msg == null ? last.getClass().getSimpleName() : msg.lines().findFirst().orElse(msg);
    }
}
