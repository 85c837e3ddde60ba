package org.xephang.device.testkit.jpos;

import jpos.POSKeyboardConst;
import jpos.services.POSKeyboardService12;

/** A fake JavaPOS POSKeyboard service: {@link #press} makes a key-down data event. */
public final class FakeKeyboardService extends FakeJposService implements POSKeyboardService12 {

    private int keyData;
    private int eventTypes = POSKeyboardConst.KBD_ET_DOWN;

    public void press(int key) {
        synchronized (this) {
            keyData = key;
        }
        dataArrived();
    }

    @Override
    public boolean getCapKeyUp() {
        return false;
    }

    @Override
    public int getEventTypes() {
        return eventTypes;
    }

    @Override
    public void setEventTypes(int value) {
        eventTypes = value;
    }

    @Override
    public synchronized int getPOSKeyData() {
        return keyData;
    }

    @Override
    public int getPOSKeyEventType() {
        return POSKeyboardConst.KBD_KET_KEYDOWN;
    }
}
