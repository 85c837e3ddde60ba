package org.xephang.core.persistence;

import java.sql.SQLException;

/** The database was written by a newer release: this one does not know its schema and refuses to open it. */
public final class SchemaTooNewException extends SQLException {
    public SchemaTooNewException(String message) {
        super(message);
    }
}
