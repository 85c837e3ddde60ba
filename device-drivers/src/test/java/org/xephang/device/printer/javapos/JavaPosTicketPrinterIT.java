package org.xephang.device.printer.javapos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jpos.JposConst;
import jpos.POSPrinterConst;
import jpos.events.StatusUpdateEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.device.DeviceDisconnectedException;
import org.xephang.device.DeviceFactory;
import org.xephang.device.DeviceFaultException;
import org.xephang.device.DeviceState;
import org.xephang.device.printer.TicketData;
import org.xephang.device.printer.TicketDocument;
import org.xephang.device.printer.TicketPrinter;
import org.xephang.device.printer.TicketTemplate;

/** The JavaPOS printer through the real {@code POSPrinter} control and loader, with a fake service in jpos.xml. */
class JavaPosTicketPrinterIT {

    private static final TicketDocument TICKET =
            TicketTemplate.standard().render(TicketData.sample(Instant.parse("2026-11-22T01:15:00Z")));

    @TempDir
    static Path config;

    private TicketPrinter printer;

    @BeforeAll
    static void registerFakeServiceInTemporaryJposXml() throws Exception {
        Path xml = config.resolve("jpos.xml");
        Files.writeString(xml, """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE JposEntries PUBLIC "-//JavaPOS//DTD//EN" "jpos/res/jcl.dtd">
                <JposEntries>
                  <JposEntry logicalName="FakePrinter">
                    <creation factoryClass="org.xephang.device.printer.javapos.FakePosPrinterService$Factory"
                              serviceClass="org.xephang.device.printer.javapos.FakePosPrinterService"/>
                    <vendor name="xephang tests" url="https://example.invalid"/>
                    <jpos category="POSPrinter" version="1.15"/>
                    <product name="Fake POSPrinter" description="records calls" url="https://example.invalid"/>
                    <prop name="deviceBus" value="Unknown"/>
                  </JposEntry>
                </JposEntries>
                """);
        System.setProperty("jpos.config.populatorFile", xml.toString());
        System.setProperty("jpos.config.regPopulatorClass", "jpos.config.simple.xml.SimpleXmlRegPopulator");
        System.setProperty("jpos.loader.serviceManagerClass", "jpos.loader.simple.SimpleServiceManager");
    }

    @BeforeEach
    void openPrinter() throws Exception {
        FakePosPrinterService.reset();
        printer = DeviceFactory.standard().create("javapos://FakePrinter", TicketPrinter.class);
    }

    @AfterEach
    void closePrinter() {
        printer.close();
    }

    @Test
    void printsTheTicketAsBitmapsInOneTransactionAndCuts() throws Exception {
        printer.start();
        assertThat(printer.status().state()).isEqualTo(DeviceState.ONLINE);

        printer.print(TICKET);

        List<String> calls = FakePosPrinterService.calls;
        assertThat(calls).startsWith("open FakePrinter", "claim 3000", "setDeviceEnabled true");
        assertThat(calls.get(3)).isEqualTo("transaction 11");
        assertThat(calls.get(4)).startsWith("bitmap 576 dots wide");
        assertThat(calls.subList(calls.size() - 2, calls.size())).containsExactly("cut 90", "transaction 12");
        assertThat(calls.stream().filter(c -> c.startsWith("bitmap")).count()).isEqualTo(15);
    }

    @Test
    void anEmptyRollFailsBeforeAnythingIsPrinted() throws Exception {
        printer.start();
        FakePosPrinterService.recEmpty = true;

        assertThatThrownBy(() -> printer.print(TICKET))
                .isInstanceOfSatisfying(
                        DeviceFaultException.class, e -> assertThat(e.state()).isEqualTo(DeviceState.PAPER_OUT));
        assertThat(FakePosPrinterService.calls).noneMatch(c -> c.startsWith("bitmap"));
    }

    @Test
    void paperRunningOutMidJobBecomesPaperOut() throws Exception {
        printer.start();
        FakePosPrinterService.failMidJob = true;

        assertThatThrownBy(() -> printer.print(TICKET)).isInstanceOfSatisfying(DeviceFaultException.class, e -> {
            assertThat(e.state()).isEqualTo(DeviceState.PAPER_OUT);
            assertThat(e.getMessage()).contains("Hết giấy").contains("JavaPOS error 114/203");
        });
        assertThat(printer.status().state()).isEqualTo(DeviceState.PAPER_OUT);
        // The transaction was cancelled, not ended with NORMAL: the half ticket never came out.
        List<String> calls = FakePosPrinterService.calls;
        assertThat(calls.get(calls.size() - 1)).isEqualTo("clearOutput");
        assertThat(FakePosPrinterService.printed).isEmpty();

        // A new roll: the next ticket prints whole, in a new transaction, on the same claim.
        FakePosPrinterService.failMidJob = false;
        FakePosPrinterService.recEmpty = false;
        printer.print(TICKET);
        assertThat(FakePosPrinterService.printed).containsExactly(15);
        assertThat(calls).containsOnlyOnce("open FakePrinter");
        assertThat(printer.status().state()).isEqualTo(DeviceState.ONLINE);
    }

    @Test
    void aPrinterThatWentOffLineMidJobIsOpenedClaimedAndEnabledAgainAtTheNextPrint() throws Exception {
        printer.start();
        FakePosPrinterService.offlineAtBitmap = 3;

        assertThatThrownBy(() -> printer.print(TICKET))
                .isInstanceOf(DeviceDisconnectedException.class)
                .hasMessageContaining("JavaPOS error 108");
        assertThat(printer.status().state()).isEqualTo(DeviceState.OFFLINE);
        assertThat(FakePosPrinterService.printed).isEmpty();
        List<String> calls = FakePosPrinterService.calls;
        int failed = calls.indexOf("printMemoryBitmap failed: offline");
        assertThat(calls.subList(failed, calls.size()))
                .as("the transaction is ended (cancelled) and the device closed")
                .containsSubsequence("clearOutput failed: offline", "close");

        // Still off line: the print fails at once, naming the device, and nothing is left half done.
        assertThatThrownBy(() -> printer.print(TICKET))
                .isInstanceOf(DeviceDisconnectedException.class)
                .hasMessageContaining("javapos://FakePrinter")
                .hasMessageContaining("cannot open, claim and enable");

        // Back on line: the next print opens, claims and enables the device again and prints the whole ticket.
        FakePosPrinterService.offline = false;
        FakePosPrinterService.offlineAtBitmap = -1;
        calls.clear();
        printer.print(TICKET);

        assertThat(calls)
                .startsWith("open FakePrinter", "claim 3000", "setDeviceEnabled true", "transaction 11")
                .endsWith("cut 90", "transaction 12");
        assertThat(FakePosPrinterService.printed).containsExactly(15);
        assertThat(printer.status().state()).isEqualTo(DeviceState.ONLINE);
    }

    @Test
    void aPowerOffReportedByTheServiceMakesTheNextPrintOpenTheDeviceAgain() throws Exception {
        printer.start();
        FakePosPrinterService.callbacks.fireStatusUpdateEvent(new StatusUpdateEvent(
                FakePosPrinterService.callbacks.getEventSource(), JposConst.JPOS_SUE_POWER_OFF_OFFLINE));
        assertThat(printer.status().state()).isEqualTo(DeviceState.OFFLINE);

        FakePosPrinterService.calls.clear();
        printer.print(TICKET);

        assertThat(FakePosPrinterService.calls)
                .containsSubsequence("release", "close", "open FakePrinter", "claim 3000", "setDeviceEnabled true");
        assertThat(FakePosPrinterService.printed).containsExactly(15);
        assertThat(printer.status().state()).isEqualTo(DeviceState.ONLINE);
    }

    @Test
    void statusEventsFromTheServiceReachListeners() throws Exception {
        List<DeviceState> seen = new CopyOnWriteArrayList<>();
        printer.addStatusListener((previous, current) -> seen.add(current.state()));
        printer.start();

        FakePosPrinterService.callbacks.fireStatusUpdateEvent(new StatusUpdateEvent(
                FakePosPrinterService.callbacks.getEventSource(), POSPrinterConst.PTR_SUE_COVER_OPEN));
        FakePosPrinterService.callbacks.fireStatusUpdateEvent(new StatusUpdateEvent(
                FakePosPrinterService.callbacks.getEventSource(), POSPrinterConst.PTR_SUE_COVER_OK));

        long deadline = System.nanoTime() + 2_000_000_000L;
        while (!seen.contains(DeviceState.COVER_OPEN) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(seen).containsSubsequence(DeviceState.ONLINE, DeviceState.COVER_OPEN);
    }

    @Test
    void anUnknownLogicalNameIsOfflineWithTheReason() throws Exception {
        try (TicketPrinter missing = DeviceFactory.standard().create("javapos://NoSuchPrinter", TicketPrinter.class)) {
            missing.start();

            assertThat(missing.status().state()).isIn(DeviceState.OFFLINE, DeviceState.ERROR);
            assertThat(missing.status().detail()).contains("NoSuchPrinter");
            assertThatThrownBy(() -> missing.print(TICKET)).hasMessageContaining("javapos://NoSuchPrinter");
        }
    }
}
