package org.xephang.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.xephang.testkit.Browser;

/**
 * Issue 14's first "Done when", in real Chromium against the whole demo (a real server and a real kiosk agent): the
 * administrator adds a field and a counter serving it on {@code /admin/}, creates an officer allowed only at that
 * counter, and a second site; without any restart the kiosk page shows the field, a ticket taken there is called by
 * that officer at that counter; the officer is refused at another counter and on the other site (403); the audit log
 * on the page lists each step.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class AdminDoneWhenPageIT {

    private static final Path EXAMPLE = Path.of("..", "examples", "centre.yaml");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String OFFICER_PASSWORD = "XepHang2026moi";

    @TempDir
    Path data;

    @Test
    void aSiteAdministratorAddsAFieldACounterAndAnOfficerAndTheCentreFollowsWithoutARestart() throws Exception {
        ChromeDriver browser = Browser.open(1366, 768);
        try (DemoCentre centre = DemoCentre.start(EXAMPLE, data, "127.0.0.1", 0)) {
            String base = baseUrl(centre);
            Browser.recordPolicyViolations(browser);
            browser.get(base + "/admin/");
            browser.findElement(By.id("username")).sendKeys("admin");
            browser.findElement(By.id("password")).sendKeys("demo");
            browser.findElement(By.cssSelector("#sign-in button")).click();
            Browser.waiting(browser, 20).until(ExpectedConditions.textToBe(By.id("version"), "Phiên bản 1"));
            String adminTab = browser.getWindowHandle();

            // the kiosk, open before the change, in its own tab
            browser.switchTo().newWindow(WindowType.TAB);
            browser.get(base + "/kiosk/");
            Browser.waiting(browser, 20)
                    .until(ExpectedConditions.presenceOfElementLocated(
                            By.cssSelector("#fields button[data-service=A]")));
            assertThat(browser.findElements(By.cssSelector("#fields button[data-service=L]")))
                    .isEmpty();
            String kioskTab = browser.getWindowHandle();
            browser.switchTo().window(adminTab);

            // a field L and a counter 10 serving it
            click(browser, "#tabs [data-tab=services]");
            click(browser, "#add-service");
            WebElement field = browser.findElement(By.cssSelector("#services tr:last-child"));
            assertThat(field.findElement(By.cssSelector("[data-path$='.code']")).getDomProperty("value"))
                    .isEqualTo("L");
            field.findElement(By.cssSelector("[data-path$='.name']")).sendKeys("Lý lịch tư pháp");
            click(browser, "#tabs [data-tab=counters]");
            click(browser, "#add-counter");
            WebElement counter = browser.findElement(By.cssSelector("#counters tr:last-child"));
            assertThat(counter.findElement(By.cssSelector("[data-path$='.number']"))
                            .getDomProperty("value"))
                    .isEqualTo("10");
            counter.findElement(By.cssSelector("[data-path$='.name']")).sendKeys("Quầy 10 – Lý lịch tư pháp");
            new Select(counter.findElement(By.cssSelector("select.add-service"))).selectByValue("L");
            click(browser, "#save");
            Browser.waiting(browser, 20)
                    .until(ExpectedConditions.textToBePresentInElementLocated(By.id("save-message"), "phiên bản 2"));

            // an officer allowed only at counter 10
            click(browser, "#tabs [data-tab=accounts]");
            Browser.waiting(browser, 20)
                    .until(ExpectedConditions.presenceOfElementLocated(
                            By.cssSelector("#accounts tr[data-account=officer1]")));
            browser.findElement(By.id("account-username")).sendKeys("cb-tuphap");
            browser.findElement(By.id("account-display")).sendKeys("Cán bộ tư pháp");
            new Select(browser.findElement(By.id("account-role"))).selectByValue("OFFICER");
            click(browser, "#account-counters input[value='10']");
            browser.findElement(By.id("account-password")).sendKeys(OFFICER_PASSWORD);
            click(browser, "#new-account button[type=submit]");
            Browser.waiting(browser, 20)
                    .until(ExpectedConditions.presenceOfElementLocated(
                            By.cssSelector("#accounts tr[data-account=cb-tuphap]")));

            // a second site, so that "another site" exists
            click(browser, "#new-site");
            browser.findElement(By.id("new-code")).sendKeys("tan-lap");
            browser.findElement(By.id("new-name")).sendKeys("Bộ phận Một cửa xã Tân Lập");
            browser.findElement(By.id("new-service")).sendKeys("Hộ tịch");
            click(browser, "#create-site button[type=submit]");
            Browser.waiting(browser, 20)
                    .until(ExpectedConditions.textToBePresentInElementLocated(By.id("site-name"), "Tân Lập"));

            // without a restart the kiosk shows field L; a tap takes L001
            browser.switchTo().window(kioskTab);
            Browser.waiting(browser, 10)
                    .until(ExpectedConditions.elementToBeClickable(By.cssSelector("#fields button[data-service=L]")));
            assertThat(browser.findElement(By.cssSelector("#fields button[data-service=L]"))
                            .getText())
                    .contains("Lý lịch tư pháp");
            Browser.screenshot(browser, "done-when-kiosk-new-field");
            browser.executeScript("document.querySelector('#fields button[data-service=L]').click()");
            Browser.waiting(browser, 10)
                    .until(ExpectedConditions.elementToBeClickable(
                            By.cssSelector("#priorities button[data-priority='']")));
            // the kiosk ignores taps for a moment after a screen change (body[data-guarded])
            Browser.waiting(browser, 10)
                    .until(driver ->
                            Boolean.TRUE.equals(browser.executeScript("return !('guarded' in document.body.dataset)")));
            browser.executeScript("document.querySelector(\"#priorities button[data-priority='']\").click()");
            Browser.waiting(browser, 20)
                    .until(ExpectedConditions.textToBePresentInElementLocated(By.id("ticket-number"), "L001"));

            // the officer calls it at counter 10, and is refused at counter 1 and on the other site
            String token = signIn(base, "cb-tuphap", OFFICER_PASSWORD);
            assertThat(post(base, "/api/v1/sites/demo/counters/10/sign-in", token)
                            .statusCode())
                    .isEqualTo(200);
            HttpResponse<String> called = post(base, "/api/v1/sites/demo/counters/10/call-next", token);
            assertThat(called.statusCode()).as(called.body()).isEqualTo(200);
            assertThat(called.body()).contains("\"number\":\"L001\"");
            HttpResponse<String> otherCounter = post(base, "/api/v1/sites/demo/counters/1/sign-in", token);
            assertThat(otherCounter.statusCode()).isEqualTo(403);
            assertThat(new JsonObject(otherCounter.body()).getString("error")).isEqualTo("FORBIDDEN");
            HttpResponse<String> otherSite = post(base, "/api/v1/sites/tan-lap/counters/1/sign-in", token);
            assertThat(otherSite.statusCode()).isEqualTo(403);

            // the audit log (site demo) lists each step
            browser.switchTo().window(adminTab);
            new Select(browser.findElement(By.id("site"))).selectByValue("demo");
            Browser.waiting(browser, 20)
                    .until(ExpectedConditions.textToBePresentInElementLocated(By.id("site-name"), "Bến Thành"));
            click(browser, "#tabs [data-tab=audit]");
            Browser.waiting(browser, 20)
                    .until(ExpectedConditions.textToBePresentInElementLocated(By.id("audit"), "account.create"));
            String audit = browser.findElement(By.id("audit")).getText();
            assertThat(audit)
                    .contains("site.update")
                    .contains("account.create")
                    .contains("cb-tuphap")
                    .contains("sign-in")
                    .doesNotContain(OFFICER_PASSWORD);
            assertThat(Browser.policyViolations(browser))
                    .as("Content-Security-Policy violations")
                    .isEmpty();
            Browser.screenshot(browser, "done-when-audit");
        } finally {
            browser.quit();
        }
    }

    private static void click(ChromeDriver browser, String css) {
        Browser.waiting(browser, 10).until(ExpectedConditions.elementToBeClickable(By.cssSelector(css)));
        browser.findElement(By.cssSelector(css)).click();
    }

    private static String signIn(String base, String username, String password) throws Exception {
        HttpResponse<String> answer = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject()
                                .put("username", username)
                                .put("password", password)
                                .encode()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return new JsonObject(answer.body()).getString("token");
    }

    private static HttpResponse<String> post(String base, String path, String token) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String baseUrl(DemoCentre centre) {
        StringWriter text = new StringWriter();
        centre.describe(new PrintWriter(text, true));
        Matcher listening = Pattern.compile("listening on (\\S+)").matcher(text.toString());
        assertThat(listening.find()).isTrue();
        return listening.group(1);
    }
}
