package org.xephang.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.xephang.core.backend.DossierBackend;
import org.xephang.core.backend.DossierConfig;
import org.xephang.core.backend.DossierConfigReader;
import org.xephang.core.backend.lookup.LookupConfig;
import org.xephang.device.DeviceFactory;
import org.xephang.device.printer.TicketPrinter;
import org.xephang.device.scanner.sim.SimulatedBarcodeScanner;
import org.xephang.dossiersim.DossierSimulator;
import org.xephang.dossiersim.SampleDossier;
import org.xephang.testkit.Browser;
import org.xephang.testkit.centre.RunningCentre;

/**
 * Scanning a receipt on the kiosk page (a keyboard-wedge scanner types fast and ends with Enter) opens the dossier
 * status screen: from the simulated dossier system when it is connected, a clear "not connected" otherwise.
 */
class KioskDossierIT {

    private static final String SCANNER = "kiosk-dossier-it";

    @TempDir
    Path temp;

    private Vertx vertx;
    private DossierSimulator simulator;
    private DossierBackend dossiers;
    private RunningCentre centre;
    private KioskApp kiosk;
    private TicketPrinter printer;
    private ChromeDriver browser;

    @BeforeAll
    static void needsChromium() {
        Browser.assumeInstalled();
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (kiosk != null) {
            kiosk.close();
        }
        if (centre != null) {
            centre.close();
        }
        if (dossiers != null) {
            dossiers.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        if (simulator != null) {
            simulator.close();
        }
        if (printer != null) {
            printer.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aScannedReceiptShowsTheDossierOverdueInRedWithTheNewDateThenGoesHome() throws Exception {
        vertx = Vertx.vertx();
        simulator = DossierSimulator.start(vertx, DossierSimulator.Options.defaults())
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        LookupConfig lookup = DossierConfigReader.parse(
                        simulator.dossierYaml("igate", Duration.ofSeconds(4)), "the simulator", name -> null)
                .lookup();
        dossiers = DossierBackend.create(vertx, new DossierConfig(lookup, null), Clock.systemUTC());
        openKiosk(RunningCentre.started(
                vertx,
                temp.resolve("data"),
                options -> options.extend(api -> dossiers.mount(api.router(), api.authenticator()))));
        SampleDossier late = simulator.samples().stream()
                .filter(s -> s.rescheduledAppointmentAt() != null)
                .findFirst()
                .orElseThrow();

        scan(late.code());

        WebElement overdue = Browser.waiting(browser, 15)
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("dossier-overdue")));
        assertThat(overdue.getText()).isEqualTo("TRỄ HẠN");
        assertThat(overdue.getCssValue("color")).isEqualTo("rgba(198, 40, 40, 1)");
        String screen = browser.findElement(By.id("dossier")).getText();
        assertThat(screen).contains(late.code()).contains("Ngày hẹn mới").doesNotContain(late.idNumber());
        Browser.screenshot(browser, "kiosk-dossier");

        Browser.waiting(browser, 30).until(ExpectedConditions.visibilityOfElementLocated(By.id("screen-home")));
    }

    @Test
    void withoutADossierSystemTheScreenSaysItIsNotConnected() throws Exception {
        vertx = Vertx.vertx();
        openKiosk(RunningCentre.started(vertx, temp.resolve("data")));

        scan("H21.65-261122-0001");

        WebElement error = Browser.waiting(browser, 15)
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("dossier-error")));
        assertThat(error.getText()).startsWith("Chưa kết nối hệ thống hồ sơ");
    }

    @Test
    void theKiosksOwnSerialScannerOpensTheDossierScreenToo() throws Exception {
        vertx = Vertx.vertx();
        openKiosk(RunningCentre.started(vertx, temp.resolve("data")));

        SimulatedBarcodeScanner.named(SCANNER).inject("https://dichvucong.gov.vn/tra-cuu?MaHoSo=H21.65-261122-0002");

        WebElement error = Browser.waiting(browser, 15)
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("dossier-error")));
        assertThat(error.getText()).startsWith("Chưa kết nối hệ thống hồ sơ");
    }

    private void openKiosk(RunningCentre running) throws Exception {
        centre = running;
        printer = DeviceFactory.standard().create("sim:printer?dir=" + temp.resolve("printed"), TicketPrinter.class);
        printer.start();
        kiosk = KioskApp.create(
                vertx,
                KioskOptions.of(centre.url(), "demo", "kiosk1", "demo", "sim:printer")
                        .withHomeTimeout(Duration.ofSeconds(5))
                        .withScannerUri("sim:scanner?name=" + SCANNER),
                printer,
                false);
        Router root = Router.router(vertx);
        root.route("/kiosk/*").subRouter(kiosk.router());
        HttpServer server = vertx.createHttpServer()
                .requestHandler(root)
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        browser = Browser.open(1600, 1000);
        browser.get("http://127.0.0.1:" + server.actualPort() + "/kiosk/");
        Browser.waiting(browser, 15)
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#fields button[data-service]")));
    }

    /** A keyboard-wedge scanner: the whole code in one burst of keys, then Enter. */
    private void scan(String code) {
        Browser.scan(browser, code);
    }
}
