package org.xephang.counter;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.EventType;
import org.xephang.api.QueueEvent;

/**
 * The site's kiosk printers that print no ticket now (out of paper, offline: unplugged or silent for a minute, cover
 * open, in error), from the {@code device.status} events of kind {@code printer} on the site's stream: every counter
 * page shows a banner until they print again, so officers can send citizens to another kiosk. Kept on the agent's
 * context; only events seen since the agent connected count (the list of devices is for supervisors).
 */
final class KioskPrinterTrouble {

    private static final Logger LOG = LoggerFactory.getLogger(KioskPrinterTrouble.class);
    private static final String KIOSK_PRINTER_KIND = "printer";
    /** PAPER_NEAR_END still prints. */
    private static final Set<String> NOT_PRINTING = Set.of("PAPER_OUT", "OFFLINE", "COVER_OPEN", "ERROR");

    /** Device id → state. */
    private final Map<String, String> printers = new TreeMap<>();

    /** Whether {@code event} changed the list (a kiosk printer stopped or started printing). */
    boolean changedBy(QueueEvent event) {
        if (event.type() != EventType.DEVICE_STATUS) {
            return false;
        }
        JsonObject details = event.details();
        String device = details.getString("device");
        String state = details.getString("state");
        if (device == null || state == null || !KIOSK_PRINTER_KIND.equals(details.getString("kind"))) {
            return false;
        }
        boolean changed = NOT_PRINTING.contains(state)
                ? !state.equals(printers.put(device, state))
                : printers.remove(device) != null;
        if (changed) {
            LOG.info("counter agent: kiosk printer {} is {}", device, state);
        }
        return changed;
    }

    /** {@code [{"device","state"}]}, ordered by device id. */
    JsonArray toJson() {
        JsonArray list = new JsonArray();
        printers.forEach((device, state) ->
                list.add(new JsonObject().put("device", device).put("state", state)));
        return list;
    }
}
