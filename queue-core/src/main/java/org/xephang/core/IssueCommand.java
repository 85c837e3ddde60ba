package org.xephang.core;

import java.util.Objects;

/**
 * A request for a new ticket.
 *
 * @param service the service (field) code, e.g. {@code "A"}
 * @param priority a priority category code from the site's configuration, or null
 * @param channel {@code "kiosk"} when null
 * @param idempotencyKey the client's key: the same key again returns the same ticket; may be null
 */
public record IssueCommand(String service, String priority, String channel, String idempotencyKey) {
    public IssueCommand {
        Objects.requireNonNull(service, "service");
        channel = channel == null ? "kiosk" : channel;
    }
}
