package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.core.http.TestApi.eventually;

import io.vertx.core.http.HttpMethod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** The managers' statistics page in a real headless Chromium: sign in, pick days, read the tables. */
class StatsPageIT {

    @Test
    void aSupervisorSignsInAndReadsTheDaysFigures(@TempDir Path dataDir) throws Exception {
        ChromeDriver browser = HeadlessChromium.open(1280, 1000);
        try (TestApi api = TestApi.start(dataDir)) {
            api.signIn(2);
            String id = api.issue("B").getString("id");
            api.issue("A");
            api.send(HttpMethod.POST, "/api/v1/tickets/" + id + "/call", "officer2", null);
            api.send(HttpMethod.POST, "/api/v1/tickets/" + id + "/complete", "officer2", null);

            browser.get("http://127.0.0.1:" + api.port() + "/stats/?site=demo");
            signIn(browser, "officer2");
            browser.findElement(By.cssSelector("#query button.primary")).click();
            eventually(Duration.ofSeconds(20), () -> !text(browser, "error").isEmpty());
            assertThat(text(browser, "error")).contains("OFFICER");

            browser.findElement(By.id("sign-out")).click();
            signIn(browser, "supervisor");
            browser.findElement(By.cssSelector("#query button.primary")).click();

            eventually(
                    Duration.ofSeconds(20),
                    () -> browser.findElement(By.id("report")).isDisplayed());
            List<String> field = cells(browser.findElement(By.cssSelector("#byService tr[data-key=B]")));
            assertThat(field.subList(0, 4)).containsExactly("Hộ tịch", "1", "1", "0");
            List<String> counter = cells(browser.findElement(By.cssSelector("#byCounter tr[data-key='2']")));
            assertThat(counter.get(0)).isEqualTo("Quầy 2");
            assertThat(text(browser, "error")).isEmpty();
            HeadlessChromium.screenshot(browser, "stats-page");

            browser.findElement(By.id("lang")).click();
            assertThat(browser.findElement(By.cssSelector("#report section h2")).getText())
                    .isEqualTo("By field");
        } finally {
            browser.quit();
        }
    }

    /** Signs in on the page's form and waits for the query form. */
    private static void signIn(ChromeDriver browser, String username) {
        browser.findElement(By.id("username")).clear();
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(TestApi.PASSWORD);
        browser.findElement(By.cssSelector("#sign-in button")).click();
        eventually(
                Duration.ofSeconds(20),
                () -> browser.findElement(By.id("query")).isDisplayed());
    }

    private static String text(ChromeDriver browser, String id) {
        return browser.findElement(By.id(id)).getText().strip();
    }

    private static List<String> cells(WebElement row) {
        return row.findElements(By.tagName("td")).stream()
                .map(cell -> cell.getText().strip())
                .toList();
    }
}
