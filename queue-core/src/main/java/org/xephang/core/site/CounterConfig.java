package org.xephang.core.site;

import java.util.List;
import java.util.Objects;

/**
 * A counter (quầy) and the services it serves.
 *
 * @param services the service codes, in the order that {@link ServiceOrder#LISTED} uses
 * @param order how the counter chooses between its services
 */
public record CounterConfig(int number, String name, List<String> services, ServiceOrder order) {

    public CounterConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(order, "order");
        services = List.copyOf(services);
    }

    /** How a counter serving several services picks the next ticket (docs/architecture.md §6.4). */
    public enum ServiceOrder {
        /** One queue: all waiting tickets of the counter's services in issue order (the default). */
        FCFS,
        /**
         * The services in their listed order: the first listed service with a waiting ticket is served first (a
         * counter's own field before the fields it helps with). Priority tickets still come first.
         */
        LISTED
    }
}
