package org.xephang.kiosk;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xephang.api.Ticket;
import org.xephang.device.DeviceException;
import org.xephang.device.DeviceFaultException;
import org.xephang.device.DeviceState;
import org.xephang.device.DeviceStatus;
import org.xephang.device.DeviceStatusListener;

/** A printer that records the tickets it printed; its state can be set, and it can fail the next job. */
final class FakeReceiptPrinter implements ReceiptPrinter {

    final List<Ticket> printed = new CopyOnWriteArrayList<>();
    private final List<DeviceStatusListener> listeners = new CopyOnWriteArrayList<>();
    private volatile DeviceStatus status = new DeviceStatus(DeviceState.ONLINE, "", null, Instant.EPOCH);
    volatile DeviceState failNextJobWith;

    @Override
    public String deviceId() {
        return "kiosk1/printer";
    }

    @Override
    public DeviceStatus status() {
        return status;
    }

    void becomes(DeviceState state) {
        DeviceStatus previous = status;
        status = new DeviceStatus(state, "fake", null, Instant.parse("2026-11-23T01:20:00Z"));
        listeners.forEach(l -> l.statusChanged(previous, status));
    }

    @Override
    public void addStatusListener(DeviceStatusListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeStatusListener(DeviceStatusListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void print(Ticket ticket, JsonObject site) throws DeviceException {
        DeviceState failure = failNextJobWith;
        if (failure != null) {
            failNextJobWith = null;
            becomes(failure);
            throw new DeviceFaultException(status, "paper ran out during the job");
        }
        printed.add(ticket);
    }

    @Override
    public void close() {}
}
