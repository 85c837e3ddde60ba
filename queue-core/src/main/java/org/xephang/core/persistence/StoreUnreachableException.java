package org.xephang.core.persistence;

import java.sql.SQLException;

/** The store cannot be reached, or refused the credentials: a wrong {@code --store}, or the server is down. */
public final class StoreUnreachableException extends SQLException {
    public StoreUnreachableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
