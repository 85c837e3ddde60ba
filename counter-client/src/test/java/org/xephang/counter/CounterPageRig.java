package org.xephang.counter;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.xephang.api.Role;
import org.xephang.api.Ticket;
import org.xephang.core.Actor;
import org.xephang.core.IssueCommand;
import org.xephang.testkit.Browser;
import org.xephang.testkit.centre.RunningCentre;

/**
 * What the officer-page ITs stand on: the real server with the example centre, a counter agent with the given desks
 * mounted at {@code /counter/} of its own HTTP server, and Chromium at the given size; plus the officer's gestures
 * every such test makes (sign in, click an action) and a ticket issued as a kiosk would.
 */
final class CounterPageRig implements AutoCloseable {

    final Vertx vertx;
    final RunningCentre centre;
    final CounterApp counter;
    final ChromeDriver browser;
    private final HttpServer agentServer;

    private CounterPageRig(
            Vertx vertx, RunningCentre centre, CounterApp counter, HttpServer agentServer, ChromeDriver browser) {
        this.vertx = vertx;
        this.centre = centre;
        this.counter = counter;
        this.agentServer = agentServer;
        this.browser = browser;
    }

    /** Starts everything; what started is closed again when a later part fails. */
    static CounterPageRig start(Path data, List<CounterOptions.DeskOptions> desks, int width, int height)
            throws Exception {
        Vertx vertx = Vertx.vertx();
        RunningCentre centre = null;
        CounterApp counter = null;
        try {
            centre = RunningCentre.started(vertx, data);
            counter = CounterApp.create(vertx, CounterOptions.of(centre.url(), "demo", desks));
            Router root = Router.router(vertx);
            root.route("/counter/*").subRouter(counter.router());
            HttpServer server = vertx.createHttpServer()
                    .requestHandler(root)
                    .listen(0, "127.0.0.1")
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            return new CounterPageRig(vertx, centre, counter, server, Browser.open(width, height));
        } catch (Exception | Error e) {
            if (counter != null) {
                counter.close();
            }
            if (centre != null) {
                centre.close();
            }
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** The officer page's address, without the trailing slash (the agent redirects). */
    String pageUrl() {
        return "http://127.0.0.1:" + agentServer.actualPort() + "/counter";
    }

    /** A ticket of the demo site issued by kiosk1, as the kiosk would. */
    Ticket issue(String service, String priority) throws Exception {
        return centre.engine()
                .issue("demo", new IssueCommand(service, priority, "kiosk", null), new Actor("kiosk1", Role.KIOSK))
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS)
                .ticket();
    }

    /** Fills and sends the sign-in form (without waiting for the desk: it may be refused). */
    void fillSignIn(String username, String password, int counterNumber) {
        Browser.waiting(browser, 10).until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        browser.findElement(By.id("username")).clear();
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("counter")).clear();
        browser.findElement(By.id("counter")).sendKeys(String.valueOf(counterNumber));
        browser.findElement(By.cssSelector("#login-form button[type=submit]")).click();
    }

    /** Signs in and waits for the desk. */
    void signIn(String username, String password, int counterNumber) {
        fillSignIn(username, password, counterNumber);
        Browser.waiting(browser, 10).until(ExpectedConditions.visibilityOfElementLocated(By.id("desk")));
    }

    /** Clicks an action's button once it can be clicked. */
    void click(String action) {
        Browser.waiting(browser, 10)
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-action='" + action + "']")))
                .click();
    }

    @Override
    public void close() throws Exception {
        browser.quit();
        counter.close();
        centre.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
