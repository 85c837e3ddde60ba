package org.xephang.core.backend.forward;

import java.util.Optional;
import org.xephang.core.persistence.Outbox;

/**
 * How the events of the outbox look to one kind of dossier system. Adding a system is one class implementing this
 * (and one line in {@code DeliveryProfiles.of}). Pure: no I/O, any thread.
 */
public interface DeliveryProfile {

    /** The name used in the configuration ({@code dossier.forward.profile}). */
    String name();

    /**
     * The request for one event, or empty when this system has no use for this kind of event (it is then marked
     * delivered without a request, and counted as skipped).
     */
    Optional<OutboundRequest> render(Outbox.Entry event);
}
