package org.xephang.device.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.device.DeviceFactory;
import org.xephang.device.DeviceState;
import org.xephang.device.DeviceUri;
import org.xephang.device.framing.LineEnding;
import org.xephang.device.scanner.sim.ScannerSimulator;
import org.xephang.device.transport.serial.SerialSettings;
import org.xephang.device.transport.serial.SerialTransport;
import org.xephang.testkit.Poll;
import org.xephang.testkit.SocatPtyPair;

/** A CDC/serial scanner on a socat pty pair, with the simulated scanner at the other end. */
class ScannerSocatIT {

    @TempDir
    Path dir;

    private SocatPtyPair pty;
    private ScannerSimulator gun;
    private final DeviceFactory factory = new DeviceFactory(List.of(new ScannerDeviceProvider()), Clock.systemUTC());

    @BeforeEach
    void plugIn() throws Exception {
        SocatPtyPair.assumeSocat();
        pty = SocatPtyPair.start(dir);
        gun = new ScannerSimulator("pty", LineEnding.CRLF);
        gun.attach(new SerialTransport(
                pty.deviceEnd().toString(), SerialSettings.from(DeviceUri.parse("scanner:serial://x"), 9600)));
    }

    @AfterEach
    void unplug() throws Exception {
        if (gun != null) {
            gun.close();
        }
        if (pty != null) {
            pty.close();
        }
    }

    @Test
    void scansArriveParsedAndTheScannerComesBackAfterUnplugging() throws Exception {
        List<Scan> scans = new CopyOnWriteArrayList<>();
        try (BarcodeScanner scanner =
                factory.create("scanner:serial://" + pty.hostEnd() + "?suffix=ANY", BarcodeScanner.class)) {
            scanner.addScanListener(scans::add);
            scanner.start();
            Poll.until(Duration.ofSeconds(2), "online", () -> scanner.status().state() == DeviceState.ONLINE);

            gun.scan("h21.65-231122-0001");
            gun.scan("https://xephang.example.vn/t/Q7x9kLmN");
            Poll.until(Duration.ofSeconds(2), "two scans", () -> scans.size() == 2);
            assertThat(scans.get(0).payload()).isEqualTo(new ScannedPayload.DossierCode("H21.65-231122-0001", true));
            assertThat(scans.get(1).payload()).isEqualTo(new ScannedPayload.TicketReference("Q7x9kLmN"));

            pty.unplug();
            Poll.until(
                    Duration.ofSeconds(1),
                    "OFFLINE within 1 s",
                    () -> scanner.status().state() == DeviceState.OFFLINE);
            pty.replug();
            Poll.until(
                    Duration.ofSeconds(2),
                    "ONLINE within 2 s",
                    () -> scanner.status().state() == DeviceState.ONLINE);

            Poll.until(Duration.ofSeconds(2), "a scan after replugging", () -> {
                gun.scan("000.00.15.H56-231122-00012");
                return scans.size() >= 3;
            });
            assertThat(scans.get(2).payload())
                    .isEqualTo(new ScannedPayload.DossierCode("000.00.15.H56-231122-00012", true));
        }
    }
}
