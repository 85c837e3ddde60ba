package org.xephang.device.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xephang.device.DeviceFactory;
import org.xephang.device.DeviceState;
import org.xephang.device.testkit.jpos.FakeJposRegistry;
import org.xephang.device.testkit.jpos.FakeScannerService;
import org.xephang.testkit.Poll;

/** The JavaPOS Scanner adapter against a fake device service registered in a temporary jpos.xml. */
class JavaPosBarcodeScannerIT {

    private final DeviceFactory factory = new DeviceFactory(List.of(new ScannerDeviceProvider()), Clock.systemUTC());

    @BeforeAll
    static void registerFakes() {
        FakeJposRegistry.install();
    }

    @Test
    void decodedLabelsArriveAsParsedScansOneAfterAnother() throws Exception {
        List<Scan> scans = new CopyOnWriteArrayList<>();
        try (BarcodeScanner scanner = factory.create("scanner:javapos://FakeScanner", BarcodeScanner.class)) {
            scanner.addScanListener(scans::add);
            scanner.start();
            assertThat(scanner.status().state()).as(scanner.status().toString()).isEqualTo(DeviceState.ONLINE);
            FakeScannerService service = FakeJposRegistry.service("FakeScanner");

            service.scan("h21.65-231122-0001");
            service.scan("https://x.vn/t/abcd1234");
            Poll.until(Duration.ofSeconds(2), "two scans", () -> scans.size() == 2);

            assertThat(scans.get(0).payload()).isEqualTo(new ScannedPayload.DossierCode("H21.65-231122-0001", true));
            assertThat(scans.get(1).payload()).isEqualTo(new ScannedPayload.TicketReference("abcd1234"));

            service.power(false);
            assertThat(scanner.status().state()).isEqualTo(DeviceState.OFFLINE);
            service.power(true);
            assertThat(scanner.status().state()).isEqualTo(DeviceState.ONLINE);
        }
    }

    @Test
    void aLogicalNameMissingFromJposXmlIsOfflineWithTheReason() throws Exception {
        try (BarcodeScanner scanner = factory.create("scanner:javapos://NoSuchScanner", BarcodeScanner.class)) {
            scanner.start();
            assertThat(scanner.status().state()).isEqualTo(DeviceState.OFFLINE);
            assertThat(scanner.status().detail()).contains("NoSuchScanner", "cannot open");
        }
    }
}
