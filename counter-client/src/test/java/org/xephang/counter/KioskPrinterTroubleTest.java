package org.xephang.counter;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.xephang.api.EventType;
import org.xephang.api.QueueEvent;

class KioskPrinterTroubleTest {

    private final KioskPrinterTrouble trouble = new KioskPrinterTrouble();
    private long seq;

    private QueueEvent device(String device, String kind, String state) {
        return new QueueEvent(
                "e" + seq,
                ++seq,
                EventType.DEVICE_STATUS,
                Instant.EPOCH,
                "demo",
                null,
                null,
                new JsonObject().put("device", device).put("kind", kind).put("state", state));
    }

    @Test
    void aKioskPrinterThatCannotPrintIsListedUntilItPrintsAgain() {
        assertThat(trouble.changedBy(device("kiosk2/printer", "printer", "PAPER_OUT")))
                .isTrue();
        assertThat(trouble.changedBy(device("kiosk1/printer", "printer", "OFFLINE")))
                .isTrue();
        assertThat(trouble.changedBy(device("kiosk1/printer", "printer", "OFFLINE")))
                .as("same again")
                .isFalse();

        assertThat(trouble.toJson())
                .isEqualTo(new JsonArray()
                        .add(new JsonObject().put("device", "kiosk1/printer").put("state", "OFFLINE"))
                        .add(new JsonObject().put("device", "kiosk2/printer").put("state", "PAPER_OUT")));

        assertThat(trouble.changedBy(device("kiosk2/printer", "printer", "PAPER_NEAR_END")))
                .isTrue();
        assertThat(trouble.changedBy(device("kiosk1/printer", "printer", "ONLINE")))
                .isTrue();
        assertThat(trouble.toJson()).isEmpty();
    }

    @Test
    void otherDevicesAndOtherEventsAreNotItsConcern() {
        assertThat(trouble.changedBy(device("board1/led-4", "led", "OFFLINE"))).isFalse();
        assertThat(trouble.changedBy(device("kiosk1", "kiosk", "OFFLINE"))).isFalse();
        assertThat(trouble.changedBy(new QueueEvent(
                        "x", 99, EventType.COUNTER_PAUSED, Instant.EPOCH, "demo", null, 1, new JsonObject())))
                .isFalse();
        assertThat(trouble.toJson()).isEmpty();
    }
}
