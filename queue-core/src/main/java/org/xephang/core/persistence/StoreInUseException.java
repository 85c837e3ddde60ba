package org.xephang.core.persistence;

import java.sql.SQLException;

/** Another process (or another engine in this one) has the SQLite store open. */
public final class StoreInUseException extends SQLException {
    public StoreInUseException(String message) {
        super(message);
    }
}
