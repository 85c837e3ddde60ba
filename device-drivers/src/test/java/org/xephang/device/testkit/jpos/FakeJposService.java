package org.xephang.device.testkit.jpos;

import jpos.JposConst;
import jpos.JposException;
import jpos.events.DataEvent;
import jpos.events.StatusUpdateEvent;
import jpos.loader.JposServiceInstance;
import jpos.services.BaseService;
import jpos.services.EventCallbacks;

/**
 * What every fake JavaPOS device service does: the open/claim/enable life cycle, data events that switch
 * {@code DataEventEnabled} off as JavaPOS requires (and are held until it is switched on again), power events.
 */
public abstract class FakeJposService implements BaseService, JposServiceInstance {

    private EventCallbacks callbacks;
    private boolean claimed;
    private boolean enabled;
    private boolean dataEventEnabled;
    private boolean freezeEvents;
    private int pendingData;
    private int powerNotify;

    /** Fires a data event now, or when data events are enabled again. */
    protected synchronized void dataArrived() {
        pendingData++;
        deliver();
    }

    private void deliver() {
        while (pendingData > 0 && dataEventEnabled && enabled && callbacks != null) {
            pendingData--;
            dataEventEnabled = false;
            callbacks.fireDataEvent(new DataEvent(callbacks.getEventSource(), 0));
        }
    }

    /** Reports the device going off line (or back on line). */
    public synchronized void power(boolean online) {
        callbacks.fireStatusUpdateEvent(new StatusUpdateEvent(
                callbacks.getEventSource(),
                online ? JposConst.JPOS_SUE_POWER_ONLINE : JposConst.JPOS_SUE_POWER_OFF_OFFLINE));
    }

    public synchronized boolean getDataEventEnabled() {
        return dataEventEnabled;
    }

    public synchronized void setDataEventEnabled(boolean value) {
        dataEventEnabled = value;
        deliver();
    }

    public int getDataCount() {
        return pendingData;
    }

    public boolean getAutoDisable() {
        return false;
    }

    public void setAutoDisable(boolean value) {}

    public int getPowerNotify() {
        return powerNotify;
    }

    public void setPowerNotify(int value) {
        powerNotify = value;
    }

    public int getCapPowerReporting() {
        return JposConst.JPOS_PR_STANDARD;
    }

    public int getPowerState() {
        return JposConst.JPOS_PS_ONLINE;
    }

    public void clearInput() {
        pendingData = 0;
    }

    @Override
    public String getCheckHealthText() {
        return "OK";
    }

    @Override
    public synchronized boolean getClaimed() {
        return claimed;
    }

    @Override
    public synchronized boolean getDeviceEnabled() {
        return enabled;
    }

    @Override
    public synchronized void setDeviceEnabled(boolean value) throws JposException {
        if (!claimed) {
            throw new JposException(JposConst.JPOS_E_NOTCLAIMED, "not claimed");
        }
        enabled = value;
    }

    @Override
    public String getDeviceServiceDescription() {
        return "xephang test fake";
    }

    @Override
    public int getDeviceServiceVersion() {
        return 1_002_000;
    }

    @Override
    public boolean getFreezeEvents() {
        return freezeEvents;
    }

    @Override
    public void setFreezeEvents(boolean value) {
        freezeEvents = value;
    }

    @Override
    public String getPhysicalDeviceDescription() {
        return "fake";
    }

    @Override
    public String getPhysicalDeviceName() {
        return "fake";
    }

    @Override
    public int getState() {
        return JposConst.JPOS_S_IDLE;
    }

    @Override
    public synchronized void claim(int timeout) {
        claimed = true;
    }

    @Override
    public synchronized void close() {
        claimed = false;
        enabled = false;
        callbacks = null;
    }

    @Override
    public void checkHealth(int level) {}

    @Override
    public void directIO(int command, int[] data, Object object) {}

    @Override
    public synchronized void open(String logicalName, EventCallbacks cb) {
        this.callbacks = cb;
    }

    @Override
    public synchronized void release() {
        claimed = false;
        enabled = false;
    }

    @Override
    public void deleteInstance() {}
}
