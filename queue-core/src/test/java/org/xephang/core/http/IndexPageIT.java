package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.core.http.TestApi.await;
import static org.xephang.core.http.TestApi.eventually;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.xephang.core.QueueServer;
import org.xephang.core.engine.EngineOptions;
import org.xephang.core.engine.QueueEngine;
import org.xephang.core.site.CentreConfig;
import org.xephang.testkit.Browser;

/** The server's root page in real Chromium: what a newcomer opening http://server:8080/ sees. */
class IndexPageIT {

    @Test
    void theRootListsTheMountedPagesInVietnameseWithEnglishAndLoadsWithoutConsoleErrors(@TempDir Path dataDir)
            throws Exception {
        Vertx vertx = Vertx.vertx();
        CentreConfig config = TestApi.config();
        QueueEngine engine =
                QueueEngine.open(config, dataDir, Clock.systemUTC(), new EngineOptions(true, "http://q.test"));
        ChromeDriver browser = Browser.open(1366, 768);
        try {
            Router kiosk = Router.router(vertx);
            kiosk.get("/").handler(ctx -> ctx.end("kiosk"));
            Router board = Router.router(vertx);
            board.get("/").handler(ctx -> ctx.end("board"));
            QueueServer server = await(QueueServer.start(
                    vertx,
                    engine,
                    new QueueServer.Options()
                            .host("127.0.0.1")
                            .port(0)
                            .accounts(config.accounts())
                            .dataDir(dataDir)
                            .mount("/kiosk", kiosk)
                            .mount("/board", board)));
            String base = "http://127.0.0.1:" + server.port();

            browser.get(base + "/");

            eventually(
                    Duration.ofSeconds(10),
                    () -> !browser.findElements(By.cssSelector(".pages a")).isEmpty());
            Map<String, String> links = new LinkedHashMap<>();
            for (WebElement link : browser.findElements(By.cssSelector(".pages a"))) {
                links.put(URI.create(link.getDomProperty("href")).getPath(), link.getText());
            }
            assertThat(links)
                    .containsOnlyKeys(
                            "/kiosk/",
                            "/dat-lich/",
                            "/dat-lich/can-bo/",
                            "/board/",
                            "/supervisor/",
                            "/stats/",
                            "/admin/",
                            "/api/docs/");
            assertThat(links.get("/dat-lich/can-bo/"))
                    .contains("Lịch hẹn trong ngày")
                    .contains("Cán bộ");
            assertThat(links.get("/admin/")).contains("Quản trị").contains("Administration");
            assertThat(links.get("/kiosk/")).contains("Ki-ốt lấy số thứ tự").contains("Ticket kiosk");
            assertThat(links.get("/stats/")).contains("Thống kê").contains("Statistics");
            assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang"))
                    .isEqualTo("vi");
            assertThat(browser.getTitle()).contains("Hệ thống xếp hàng");
            Browser.screenshot(browser, "index");
            assertThat(Browser.consoleErrors(browser)).isEmpty();

            HttpResponse<String> icon = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(base + "/favicon.svg"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(icon.statusCode()).isEqualTo(200);
            assertThat(icon.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
            assertThat(icon.body()).startsWith("<svg");
        } finally {
            browser.quit();
            engine.close();
            await(vertx.close());
        }
    }

    @Test
    void theTicketPageLoadsWithoutConsoleErrors(@TempDir Path dataDir) throws Exception {
        ChromeDriver browser = Browser.open(390, 844);
        // wired as xephang server is: the page also asks the notification routes whether to offer its form
        try (TestApi api = TestApi.startWithDossierRoutes(dataDir, "/http/centre.yaml")) {
            String id = api.issue("A").getString("id");

            browser.get("http://127.0.0.1:" + api.port() + "/t/" + id);

            eventually(
                    Duration.ofSeconds(30),
                    () -> browser.findElement(By.id("number")).getText().strip().equals("A0001"));
            assertThat(Browser.consoleErrors(browser)).isEmpty();
        } finally {
            browser.quit();
        }
    }
}
