package org.xephang.api;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The event types of the stream and the outbox (docs/architecture.md §5), with their wire names. */
public enum EventType {
    TICKET_ISSUED("ticket.issued"),
    TICKET_CALLED("ticket.called"),
    TICKET_RECALLED("ticket.recalled"),
    TICKET_STARTED("ticket.started"),
    TICKET_COMPLETED("ticket.completed"),
    TICKET_NO_SHOW("ticket.no-show"),
    TICKET_CANCELLED("ticket.cancelled"),
    TICKET_TRANSFERRED("ticket.transferred"),
    TICKET_RATED("ticket.rated"),
    TICKET_DOSSIER_LINKED("ticket.dossier-linked"),
    COUNTER_PAUSED("counter.paused"),
    COUNTER_RESUMED("counter.resumed"),
    COUNTER_SIGNED_IN("counter.signed-in"),
    COUNTER_SIGNED_OUT("counter.signed-out"),
    DEVICE_STATUS("device.status"),
    /** The server's configuration changed; agents load the site's description again. */
    CONFIG_CHANGED("config.changed");

    private static final Map<String, EventType> BY_WIRE_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::wireName, Function.identity()));

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static EventType fromWireName(String name) {
        EventType type = BY_WIRE_NAME.get(name);
        if (type == null) {
            throw new IllegalArgumentException("unknown event type: " + name);
        }
        return type;
    }
}
