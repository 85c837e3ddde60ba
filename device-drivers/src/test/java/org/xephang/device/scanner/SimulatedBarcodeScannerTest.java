package org.xephang.device.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.xephang.device.DeviceFactory;
import org.xephang.device.DeviceState;
import org.xephang.device.scanner.sim.SimulatedBarcodeScanner;

class SimulatedBarcodeScannerTest {

    @Test
    void theAgentsUriAndTheDemoPageReachTheSameSimulatedScanner() throws Exception {
        String name = "kiosk-" + UUID.randomUUID();
        BarcodeScanner fromUri = DeviceFactory.standard().create("sim:scanner?name=" + name, BarcodeScanner.class);
        List<Scan> scans = new ArrayList<>();
        fromUri.addScanListener(scans::add);
        fromUri.start();
        assertThat(fromUri.status().state()).isEqualTo(DeviceState.ONLINE);

        Scan scan = SimulatedBarcodeScanner.named(name).inject(" h21.65-231122-0001\r");

        assertThat(scans).containsExactly(scan);
        assertThat(scan.text()).isEqualTo("h21.65-231122-0001");
        assertThat(scan.payload()).isEqualTo(new ScannedPayload.DossierCode("H21.65-231122-0001", true));
    }

    @Test
    void anUnpluggedSimulatedScannerIsOfflineAndScansNothing() throws Exception {
        SimulatedBarcodeScanner scanner = SimulatedBarcodeScanner.named("unplug-" + UUID.randomUUID());
        scanner.start();
        scanner.setConnected(false);
        assertThat(scanner.status().state()).isEqualTo(DeviceState.OFFLINE);
        assertThat(scanner.status().detail()).contains("unplugged");
        assertThatThrownBy(() -> scanner.inject("X1")).isInstanceOf(IllegalStateException.class);
        scanner.setConnected(true);
        assertThat(scanner.status().state()).isEqualTo(DeviceState.ONLINE);
    }
}
