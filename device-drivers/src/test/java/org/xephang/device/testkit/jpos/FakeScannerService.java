package org.xephang.device.testkit.jpos;

import java.nio.charset.StandardCharsets;
import jpos.services.ScannerService12;

/** A fake JavaPOS Scanner service: {@link #scan} makes a data event with the label. */
public final class FakeScannerService extends FakeJposService implements ScannerService12 {

    private byte[] label = new byte[0];
    private boolean decodeData;

    /** A code was scanned (the raw data carries a symbology prefix and a CR that DecodeData removes). */
    public void scan(String code) {
        synchronized (this) {
            label = code.getBytes(StandardCharsets.UTF_8);
        }
        dataArrived();
    }

    @Override
    public boolean getDecodeData() {
        return decodeData;
    }

    @Override
    public void setDecodeData(boolean value) {
        decodeData = value;
    }

    @Override
    public synchronized byte[] getScanData() {
        return ("]Q1" + new String(label, StandardCharsets.UTF_8) + "\r").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public synchronized byte[] getScanDataLabel() {
        return decodeData ? label.clone() : new byte[0];
    }

    @Override
    public int getScanDataType() {
        return 0;
    }
}
