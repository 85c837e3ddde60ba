package org.xephang.core.backend.notify;

import org.xephang.core.backend.forward.OutboundRequest;
import org.xephang.core.notify.Notification;
import org.xephang.core.notify.NotificationKind;

/**
 * How one kind of provider (an SMS brandname gateway, Zalo ZNS) is asked to send a {@link Notification}, and what its
 * answer means. Adding a provider is one class implementing this. Pure: no I/O, any thread.
 */
public interface NotificationProfile {

    /** The name used in the configuration ({@code notifications.provider}). */
    String name();

    /**
     * Whether this account can send messages of {@code kind} at all (Zalo needs an approved template per kind); a
     * message it cannot send is given up at once and listed for the supervisor.
     */
    default boolean sends(NotificationKind kind) {
        return true;
    }

    /** The request sending this message; the same body on every attempt (it carries the idempotency key). */
    OutboundRequest render(Notification notification);

    /** What the provider's answer (status and body, possibly empty) means. */
    ProviderReply read(int status, String body);
}
