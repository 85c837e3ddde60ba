package org.xephang.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xephang.dossiersim.ReceivedDelivery;

/** Checks over what the simulated dossier system received from the forwarder. */
public final class Deliveries {

    private Deliveries() {}

    /**
     * Every duplicate is a retry of an earlier first delivery: the same {@code Idempotency-Key}, the same event id in
     * its body, byte for byte the same body. Returns how many duplicates there were.
     */
    public static int assertDuplicatesAreSameKeyRetries(List<ReceivedDelivery> received) {
        Map<String, ReceivedDelivery> originals = new HashMap<>();
        int duplicates = 0;
        for (ReceivedDelivery delivery : received) {
            assertThat(delivery.idempotencyKey()).as("every delivery has a key").isNotNull();
            if (!delivery.duplicate()) {
                assertThat(originals.put(delivery.idempotencyKey(), delivery))
                        .as("a second first delivery of %s", delivery.idempotencyKey())
                        .isNull();
                continue;
            }
            duplicates++;
            ReceivedDelivery original = originals.get(delivery.idempotencyKey());
            assertThat(original)
                    .as("duplicate %s follows a first delivery with the same key", delivery.idempotencyKey())
                    .isNotNull();
            assertThat(delivery.json().getString("id"))
                    .as("the duplicate's event id")
                    .isEqualTo(delivery.idempotencyKey());
            assertThat(delivery.body())
                    .as("duplicate %s carries the original's body", delivery.idempotencyKey())
                    .isEqualTo(original.body());
        }
        return duplicates;
    }
}
