package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.core.http.TestApi.eventually;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.xephang.core.backend.DossierConfig;
import org.xephang.testkit.Browser;

/**
 * The administration page at {@code /admin/} in a real headless Chromium against the server as {@code xephang server}
 * wires it: an administrator adds a field and a counter serving it, edits sessions and holidays, and saves through the
 * site document (applied at once: the public site description shows them); a wrong value is named beside its field in
 * Vietnamese and nothing is sent; a change saved meanwhile by someone else is a 409 that keeps every edit and reloads
 * with them applied; retiring a field with waiting tickets is refused and offered as "close for new tickets"; devices
 * are listed live with paper out highlighted. Strict CSP, at 1366×768 and 1920×1080.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AdminPageIT {

    private static final Duration WITHIN = Duration.ofSeconds(20);

    @Test
    void anAdministratorAddsAFieldAndACounterEditsTheCalendarAndSavesLive(@TempDir Path dataDir) throws Exception {
        ChromeDriver browser = Browser.open(1366, 768);
        try (TestApi api = TestApi.launch(dataDir, DossierConfig.none())) {
            Browser.recordPolicyViolations(browser);
            browser.get("http://127.0.0.1:" + api.port() + "/admin/");
            signIn(browser, "admin");
            assertThat(text(browser, "#site-name")).contains("Trung tâm thử nghiệm");
            assertThat(text(browser, "#version")).isEqualTo("Phiên bản 1");
            Browser.screenshot(browser, "admin-1366-calendar");

            // Calendar: Saturday morning and a holiday
            input(browser, "[data-day=saturday]", "07:30-11:30");
            click(browser, "#add-holiday");
            input(browser, "#holidays tr:last-child .from", "02/09/2026");
            input(browser, "#holidays tr:last-child .name", "Quốc khánh");

            // Fields: a new field D
            tab(browser, "services");
            click(browser, "#add-service");
            WebElement row = browser.findElement(By.cssSelector("#services tr:last-child"));
            assertThat(row.findElement(By.cssSelector("[data-path$='.code']")).getAttribute("value"))
                    .isEqualTo("D");
            type(row.findElement(By.cssSelector("[data-path$='.name']")), "Đăng ký kinh doanh");
            type(row.findElement(By.cssSelector("[data-path$='.prefix']")), "F");
            type(row.findElement(By.cssSelector("[data-path$='.dailyCap']")), "80");

            // Counters: counter 18 serving D
            tab(browser, "counters");
            click(browser, "#add-counter");
            WebElement counter = browser.findElement(By.cssSelector("#counters tr:last-child"));
            assertThat(counter.findElement(By.cssSelector("[data-path$='.number']"))
                            .getAttribute("value"))
                    .isEqualTo("18");
            type(counter.findElement(By.cssSelector("[data-path$='.name']")), "Quầy 18 – Kinh doanh");
            new Select(counter.findElement(By.cssSelector("select.add-service"))).selectByValue("D");

            // A wrong prefix: named beside the field, in Vietnamese, and nothing is sent
            click(browser, "#save");
            eventually(WITHIN, () -> text(browser, "#tab-services").contains("Chữ đầu số phải là một chữ in hoa"));
            assertThat(browser.findElement(By.id("tab-services")).isDisplayed()).isTrue();
            assertThat(version(api)).isEqualTo(1L);
            Browser.screenshot(browser, "admin-1366-validation");
            WebElement prefix = browser.findElement(By.cssSelector("#services tr:last-child [data-path$='.prefix']"));
            prefix.clear();
            type(prefix, "D");

            click(browser, "#save");
            eventually(WITHIN, () -> text(browser, "#save-message").contains("phiên bản 2"));
            JsonObject site =
                    api.send(HttpMethod.GET, "/api/v1/sites/demo", null, null).bodyAsJsonObject();
            assertThat(site.encode()).contains("Đăng ký kinh doanh").contains("Quầy 18 – Kinh doanh");
            JsonObject stored = document(api);
            assertThat(stored.getJsonObject("openingHours").getJsonArray("saturday"))
                    .containsExactly("07:30-11:30");
            assertThat(stored.getJsonArray("holidays").encode())
                    .contains("\"date\":\"2026-09-02\"")
                    .contains("Quốc khánh");
            assertThat(api.issue("D").getString("number")).isEqualTo("D001");

            assertThat(Browser.policyViolations(browser))
                    .as("Content-Security-Policy violations")
                    .isEmpty();
            assertThat(browser.executeScript(
                            "return document.documentElement.scrollWidth <= document.documentElement.clientWidth"))
                    .isEqualTo(true);
            tab(browser, "counters");
            Browser.screenshot(browser, "admin-1366-counters");

            browser.findElement(By.id("lang")).click();
            assertThat(text(browser, "header h1")).startsWith("Administration");
            assertThat(text(browser, "#tabs")).contains("Counters");
            eventually(Duration.ofSeconds(20), () -> text(browser, "#live").equals("Live"));
        } finally {
            browser.quit();
        }
    }

    @Test
    void aConcurrentSaveIsAConflictThatKeepsEveryEditAndRetiringAFieldWithTicketsOffersClosingIt(@TempDir Path dataDir)
            throws Exception {
        ChromeDriver browser = Browser.open(1920, 1080);
        try (TestApi api = TestApi.launch(dataDir, DossierConfig.none())) {
            Browser.recordPolicyViolations(browser);
            browser.get("http://127.0.0.1:" + api.port() + "/admin/");
            signIn(browser, "admin");
            tab(browser, "services");
            WebElement name = browser.findElement(By.cssSelector("#services tr[data-service=A] [data-path$='.name']"));
            name.clear();
            type(name, "Đất đai – Nhà ở");

            // someone else saves meanwhile (another tab, the API)
            JsonObject theirs = document(api).put("hotline", "1900 0000");
            assertThat(api.send(
                                    HttpMethod.PUT,
                                    "/api/v1/admin/sites/demo",
                                    "admin",
                                    new JsonObject()
                                            .put("version", 1)
                                            .put("document", theirs)
                                            .encode())
                            .statusCode())
                    .isEqualTo(200);

            click(browser, "#save");
            eventually(
                    WITHIN,
                    () -> text(browser, "#save-error").contains("Cấu hình đã được người khác thay đổi — tải lại"));
            assertThat(browser.findElement(By.cssSelector("#services tr[data-service=A] [data-path$='.name']"))
                            .getAttribute("value"))
                    .isEqualTo("Đất đai – Nhà ở");
            Browser.screenshot(browser, "admin-1920-conflict");
            click(browser, "#reload");
            eventually(WITHIN, () -> text(browser, "#version").equals("Phiên bản 2"));
            click(browser, "#save");
            eventually(WITHIN, () -> text(browser, "#save-message").contains("phiên bản 3"));
            JsonObject both = document(api);
            assertThat(both.getString("hotline")).isEqualTo("1900 0000");
            assertThat(both.getJsonArray("services").getJsonObject(0).getString("name"))
                    .isEqualTo("Đất đai – Nhà ở");

            // retire B while a ticket of it waits: refused, offered as closing it for new tickets
            api.issue("B");
            click(browser, "#services tr[data-service=B] .retire");
            click(browser, "#save");
            eventually(
                    WITHIN,
                    () -> !browser.findElements(By.cssSelector("#tab-services .offer button"))
                            .isEmpty());
            assertThat(text(browser, "#tab-services"))
                    .contains("không thể bỏ lĩnh vực B")
                    .contains("1 vé");
            Browser.screenshot(browser, "admin-1920-retire-refused");
            click(browser, "#tab-services .offer button");
            eventually(WITHIN, () -> text(browser, "#save-message").contains("phiên bản 4"));
            JsonObject closed =
                    api.send(HttpMethod.GET, "/api/v1/sites/demo", null, null).bodyAsJsonObject();
            JsonObject b = closed.getJsonArray("services").stream()
                    .map(JsonObject.class::cast)
                    .filter(s -> "B".equals(s.getString("code")))
                    .findFirst()
                    .orElseThrow();
            assertThat(b.getBoolean("closed")).isTrue();
            assertThat(api.send(
                                    HttpMethod.POST,
                                    "/api/v1/sites/demo/tickets",
                                    "kiosk1",
                                    new JsonObject().put("service", "B").encode())
                            .bodyAsJsonObject()
                            .getString("error"))
                    .isEqualTo("SERVICE_CLOSED");
            assertThat(browser.findElement(By.cssSelector("#services tr[data-service=B] input.closed"))
                            .isSelected())
                    .isTrue();

            // devices, live
            tab(browser, "devices");
            assertThat(api.send(
                                    HttpMethod.POST,
                                    "/api/v1/sites/demo/devices/status",
                                    "kiosk1",
                                    new JsonObject()
                                            .put("device", "kiosk1/printer")
                                            .put("kind", "printer")
                                            .put("state", "PAPER_OUT")
                                            .put("detail", "Hết giấy")
                                            .encode())
                            .statusCode())
                    .isEqualTo(204);
            eventually(
                    WITHIN,
                    () -> !browser.findElements(By.cssSelector("#devices tr.paper-out[data-device='kiosk1/printer']"))
                            .isEmpty());
            assertThat(text(browser, "#devices")).contains("Máy in vé").contains("hết giấy");
            assertThat(Browser.policyViolations(browser))
                    .as("Content-Security-Policy violations")
                    .isEmpty();
            Browser.screenshot(browser, "admin-1920-devices");
        } finally {
            browser.quit();
        }
    }

    @Test
    void accountsAreCreatedDisabledAndRevokedAndTheAuditLogListsItWithACsv(@TempDir Path dataDir) throws Exception {
        ChromeDriver browser = Browser.open(1366, 768);
        try (TestApi api = TestApi.launch(dataDir, DossierConfig.none())) {
            Browser.recordPolicyViolations(browser);
            browser.get("http://127.0.0.1:" + api.port() + "/admin/");
            signIn(browser, "admin");
            tab(browser, "accounts");
            eventually(
                    WITHIN,
                    () -> !browser.findElements(By.cssSelector("#accounts tr[data-account=officer3]"))
                            .isEmpty());

            // an officer allowed only at counter 3; a weak password is named beside the field first
            type(browser.findElement(By.id("account-username")), "cb-moi");
            type(browser.findElement(By.id("account-display")), "Cán bộ mới");
            new Select(browser.findElement(By.id("account-role"))).selectByValue("OFFICER");
            click(browser, "#account-counters input[value='3']");
            type(browser.findElement(By.id("account-password")), "ngan");
            click(browser, "#new-account button[type=submit]");
            eventually(WITHIN, () -> text(browser, "#new-account").contains("Mật khẩu cần 10–64 ký tự"));
            browser.findElement(By.id("account-password")).clear();
            type(browser.findElement(By.id("account-password")), "XepHang2026moi");
            click(browser, "#new-account button[type=submit]");
            eventually(
                    WITHIN,
                    () -> !browser.findElements(By.cssSelector("#accounts tr[data-account=cb-moi]"))
                            .isEmpty());
            assertThat(text(browser, "#accounts tr[data-account=cb-moi]")).contains("Cán bộ mới");
            assertThat(browser.findElement(
                                    By.cssSelector("#accounts tr[data-account=cb-moi] .counters input[value='3']"))
                            .isSelected())
                    .isTrue();
            assertThat(api.send(
                                    HttpMethod.POST,
                                    "/api/v1/auth/login",
                                    null,
                                    new JsonObject()
                                            .put("username", "cb-moi")
                                            .put("password", "XepHang2026moi")
                                            .encode())
                            .statusCode())
                    .isEqualTo(200);

            // a kiosk account without a password: the generated one is shown once
            type(browser.findElement(By.id("account-username")), "kiosk-sanh-2");
            new Select(browser.findElement(By.id("account-role"))).selectByValue("KIOSK");
            click(browser, "#new-account button[type=submit]");
            eventually(
                    WITHIN,
                    () -> !browser.findElements(By.cssSelector("#new-password code.generated"))
                            .isEmpty());
            String generated = text(browser, "#new-password code.generated");
            assertThat(generated).hasSizeGreaterThanOrEqualTo(10);
            assertThat(api.send(
                                    HttpMethod.POST,
                                    "/api/v1/auth/login",
                                    null,
                                    new JsonObject()
                                            .put("username", "kiosk-sanh-2")
                                            .put("password", generated)
                                            .encode())
                            .statusCode())
                    .isEqualTo(200);
            browser.executeScript("window.scrollTo(0, 0)");
            Browser.screenshot(browser, "admin-1366-accounts");

            // disabling officer3 on the page ends its token within 5 s
            api.token("officer3");
            assertThat(api.send(HttpMethod.GET, "/api/v1/sites/demo/waiting", "officer3", null)
                            .statusCode())
                    .isEqualTo(200);
            click(browser, "#accounts tr[data-account=officer3] .toggle");
            eventually(
                    WITHIN,
                    () -> text(browser, "#accounts tr[data-account=officer3] .state")
                            .equals("Đã khóa"));
            eventually(
                    Duration.ofSeconds(5),
                    () -> api.send(HttpMethod.GET, "/api/v1/sites/demo/waiting", "officer3", null)
                                    .statusCode()
                            == 401);

            // a new password for cb-moi
            click(browser, "#accounts tr[data-account=cb-moi] .reset");
            type(
                    browser.findElement(By.cssSelector("#accounts tr[data-account=cb-moi] .new-password-input")),
                    "MatKhauMoi2027");
            click(browser, "#accounts tr[data-account=cb-moi] .password-box button");
            eventually(WITHIN, () -> text(browser, "#new-password").contains("Đã đổi mật khẩu của cb-moi"));
            assertThat(api.send(
                                    HttpMethod.POST,
                                    "/api/v1/auth/login",
                                    null,
                                    new JsonObject()
                                            .put("username", "cb-moi")
                                            .put("password", "MatKhauMoi2027")
                                            .encode())
                            .statusCode())
                    .isEqualTo(200);

            // the audit log lists the steps; the CSV holds them too
            tab(browser, "audit");
            eventually(WITHIN, () -> text(browser, "#audit").contains("account.create"));
            assertThat(text(browser, "#audit"))
                    .contains("cb-moi")
                    .contains("kiosk-sanh-2")
                    .contains("account.update");
            assertThat(text(browser, "#audit"))
                    .doesNotContain("XepHang2026moi")
                    .doesNotContain("MatKhauMoi2027")
                    .doesNotContain(generated);
            browser.executeScript("const real = URL.createObjectURL.bind(URL);"
                    + " URL.createObjectURL = blob => { window.csvBlob = blob; return real(blob); };");
            click(browser, "#audit-csv");
            eventually(
                    WITHIN,
                    () -> Boolean.TRUE.equals(browser.executeScript("return !!window.csvBlob"))
                            || !text(browser, "#audit-error").isEmpty());
            assertThat(text(browser, "#audit-error")).isEmpty();
            String csv = String.valueOf(browser.executeAsyncScript(
                    "const done = arguments[arguments.length - 1]; window.csvBlob.text().then(done);"));
            assertThat(csv).contains("account.create").contains("cb-moi");
            assertThat(text(browser, "#audit-error")).isEmpty();
            assertThat(Browser.policyViolations(browser))
                    .as("Content-Security-Policy violations")
                    .isEmpty();
            Browser.screenshot(browser, "admin-1366-audit");
        } finally {
            browser.quit();
        }
    }

    @Test
    void aSupervisorIsRefusedAtSignIn(@TempDir Path dataDir) {
        ChromeDriver browser = Browser.open(1366, 768);
        try (TestApi api = TestApi.launch(dataDir, DossierConfig.none())) {
            browser.get("http://127.0.0.1:" + api.port() + "/admin/");
            browser.findElement(By.id("username")).sendKeys("supervisor");
            browser.findElement(By.id("password")).sendKeys(TestApi.PASSWORD);
            browser.findElement(By.cssSelector("#sign-in button")).click();
            eventually(WITHIN, () -> !text(browser, "#error").isEmpty());
            assertThat(text(browser, "#error")).contains("không phải tài khoản quản trị");
            assertThat(browser.findElement(By.id("view")).isDisplayed()).isFalse();
        } finally {
            browser.quit();
        }
    }

    @Test
    void holidayDatesAreDayMonthYearInBothLanguagesEvenInAnEnglishBrowser(@TempDir Path dataDir) throws Exception {
        // An English Chromium shows <input type=date> as mm/dd/yyyy: "02/09/2026" typed there is 9 February.
        ChromeDriver browser = Browser.open(1366, 768, "en-US");
        try (TestApi api = TestApi.launch(dataDir, DossierConfig.none())) {
            browser.get("http://127.0.0.1:" + api.port() + "/admin/");
            signIn(browser, "admin");
            click(browser, "#add-holiday");
            assertThat(browser.findElement(By.cssSelector("#holidays tr:last-child .from"))
                            .getDomProperty("placeholder"))
                    .isEqualTo("dd/mm/yyyy");
            input(browser, "#holidays tr:last-child .from", "31/02/2026");
            input(browser, "#holidays tr:last-child .name", "Quốc khánh");

            click(browser, "#save");
            eventually(
                    WITHIN,
                    () -> text(browser, "#tab-calendar")
                            .contains("\"31/02/2026\" không phải một ngày: nhập dạng dd/mm/yyyy"));
            assertThat(version(api)).isEqualTo(1L);

            input(browser, "#holidays tr:last-child .from", "02/09/2026");
            input(browser, "#holidays tr:last-child .to", "3/9/2026");
            click(browser, "#save");
            eventually(WITHIN, () -> text(browser, "#save-message").contains("phiên bản 2"));
            JsonObject holiday = document(api).getJsonArray("holidays").stream()
                    .map(JsonObject.class::cast)
                    .filter(h -> "Quốc khánh".equals(h.getString("name")))
                    .findFirst()
                    .orElseThrow();
            assertThat(holiday.getString("from")).isEqualTo("2026-09-02");
            assertThat(holiday.getString("to")).isEqualTo("2026-09-03");

            // what was saved reads back day first, in English too
            browser.findElement(By.id("lang")).click();
            eventually(WITHIN, () -> text(browser, "header h1").startsWith("Administration"));
            assertThat(browser.findElement(By.cssSelector("#holidays tr:last-child .from"))
                            .getDomProperty("value"))
                    .isEqualTo("02/09/2026");
            assertThat(browser.findElement(By.cssSelector("#holidays tr:last-child .to"))
                            .getDomProperty("value"))
                    .isEqualTo("03/09/2026");
            browser.executeScript("document.getElementById('holidays').scrollIntoView()");
            Browser.screenshot(browser, "admin-1366-holidays-en");

            // the audit log's days too: a non-day is named; days typed day first list today's save
            tab(browser, "audit");
            input(browser, "#audit-from", "31/13/2026");
            click(browser, "#audit-filter button[type=submit]");
            eventually(
                    WITHIN,
                    () -> text(browser, "#audit-error").contains("\"31/13/2026\" is not a day: enter dd/mm/yyyy"));
            LocalDate today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")); // a day either side: midnight may pass
            DateTimeFormatter dayFirst = DateTimeFormatter.ofPattern("dd/MM/yyyy");
            input(browser, "#audit-from", today.minusDays(1).format(dayFirst));
            input(browser, "#audit-to", today.plusDays(1).format(dayFirst));
            click(browser, "#audit-filter button[type=submit]");
            eventually(
                    WITHIN,
                    () -> text(browser, "#audit-error").isEmpty()
                            && !browser.findElements(By.cssSelector("#audit tr"))
                                    .isEmpty());
            Browser.screenshot(browser, "admin-1366-audit-days-en");
        } finally {
            browser.quit();
        }
    }

    @Test
    void everyMessageThePageSaysFollowsTheLanguageSwitch(@TempDir Path dataDir) {
        ChromeDriver browser = Browser.open(1366, 768);
        try (TestApi api = TestApi.launch(dataDir, DossierConfig.none())) {
            browser.get("http://127.0.0.1:" + api.port() + "/admin/");
            signIn(browser, "admin");

            // a wrong day beside its field, then the save's own message: said in Vietnamese, switched to English
            click(browser, "#add-holiday");
            input(browser, "#holidays tr:last-child .from", "31/02/2026");
            input(browser, "#holidays tr:last-child .name", "Quốc khánh");
            click(browser, "#save");
            eventually(WITHIN, () -> text(browser, "#tab-calendar").contains("\"31/02/2026\" không phải một ngày"));
            switchLanguage(browser, "Administration");
            assertThat(text(browser, "#tab-calendar")).contains("\"31/02/2026\" is not a day: enter dd/mm/yyyy");
            assertThat(vietnameseMessages(browser)).isEmpty();
            switchLanguage(browser, "Quản trị");

            input(browser, "#holidays tr:last-child .from", "02/09/2026");
            click(browser, "#save");
            eventually(WITHIN, () -> text(browser, "#save-message").equals("Đã lưu và áp dụng (phiên bản 2)."));
            switchLanguage(browser, "Administration");
            assertThat(text(browser, "#save-message")).isEqualTo("Saved and applied (version 2).");
            assertThat(vietnameseMessages(browser)).isEmpty();

            // accounts: a weak password named in English, then the account made in English, back to Vietnamese
            switchLanguage(browser, "Quản trị");
            tab(browser, "accounts");
            type(browser.findElement(By.id("account-username")), "cb-moi");
            new Select(browser.findElement(By.id("account-role"))).selectByValue("SUPERVISOR");
            type(browser.findElement(By.id("account-password")), "ngan");
            click(browser, "#new-account button[type=submit]");
            eventually(WITHIN, () -> text(browser, "#new-account").contains("Mật khẩu cần 10–64 ký tự"));
            switchLanguage(browser, "Administration");
            assertThat(text(browser, "#new-account")).contains("The password needs 10–64 characters");
            assertThat(vietnameseMessages(browser)).isEmpty();
            browser.findElement(By.id("account-password")).clear();
            type(browser.findElement(By.id("account-password")), "XepHang2026moi");
            click(browser, "#new-account button[type=submit]");
            eventually(WITHIN, () -> text(browser, "#new-password").equals("Account cb-moi created."));
            switchLanguage(browser, "Quản trị");
            assertThat(text(browser, "#new-password")).isEqualTo("Đã tạo tài khoản cb-moi.");
            switchLanguage(browser, "Administration");
            assertThat(vietnameseMessages(browser)).isEmpty();

            // the audit log's day check
            tab(browser, "audit");
            input(browser, "#audit-from", "31/13/2026");
            click(browser, "#audit-filter button[type=submit]");
            eventually(WITHIN, () -> text(browser, "#audit-error").contains("is not a day"));
            switchLanguage(browser, "Quản trị");
            assertThat(text(browser, "#audit-error")).contains("\"31/13/2026\" không phải một ngày");
            switchLanguage(browser, "Administration");
            assertThat(vietnameseMessages(browser)).isEmpty();
            Browser.screenshot(browser, "admin-1366-messages-en");
        } finally {
            browser.quit();
        }
    }

    @Test
    void theOfferToCloseAFieldForNewTicketsSurvivesTheLanguageSwitchAndStillWorks(@TempDir Path dataDir) {
        ChromeDriver browser = Browser.open(1366, 768);
        try (TestApi api = TestApi.launch(dataDir, DossierConfig.none())) {
            browser.get("http://127.0.0.1:" + api.port() + "/admin/");
            signIn(browser, "admin");
            tab(browser, "services");
            api.issue("B");
            click(browser, "#services tr[data-service=B] .retire");
            click(browser, "#save");
            eventually(
                    WITHIN,
                    () -> !browser.findElements(By.cssSelector("#tab-services .offer button"))
                            .isEmpty());
            assertThat(text(browser, "#tab-services .offer button")).contains("Ngừng cấp số mới cho lĩnh vực B");

            switchLanguage(browser, "Administration");
            assertThat(browser.findElements(By.cssSelector("#tab-services .offer button")))
                    .as("the offer to close B after the switch to English")
                    .hasSize(1);
            assertThat(text(browser, "#tab-services .offer button")).isEqualTo("Close field B for new tickets instead");
            assertThat(text(browser, "#tab-services [data-error-for=services]"))
                    .as("the server's refusal in English (its messageEn), said once, not once more per switch")
                    .containsOnlyOnce("cannot remove the service B")
                    .doesNotContain("không thể bỏ lĩnh vực B");
            Browser.screenshot(browser, "admin-1366-close-offer-en");
            switchLanguage(browser, "Quản trị");
            assertThat(browser.findElements(By.cssSelector("#tab-services .offer button")))
                    .hasSize(1);
            assertThat(text(browser, "#tab-services .offer button")).contains("Ngừng cấp số mới cho lĩnh vực B");
            assertThat(text(browser, "#tab-services [data-error-for=services]"))
                    .containsOnlyOnce("không thể bỏ lĩnh vực B")
                    .doesNotContain("cannot remove");
            Browser.screenshot(browser, "admin-1366-close-offer-vi");

            // and it works, clicked in English after the switches
            switchLanguage(browser, "Administration");
            assertThat(text(browser, "#tab-services .offer button")).isEqualTo("Close field B for new tickets instead");
            click(browser, "#tab-services .offer button");
            eventually(WITHIN, () -> text(browser, "#save-message").equals("Saved and applied (version 2)."));
            JsonObject b = document(api).getJsonArray("services").stream()
                    .map(JsonObject.class::cast)
                    .filter(s -> "B".equals(s.getString("code")))
                    .findFirst()
                    .orElseThrow();
            assertThat(b.getBoolean("closed")).isTrue();
            assertThat(browser.findElements(By.cssSelector("#tab-services .offer")))
                    .isEmpty();
        } finally {
            browser.quit();
        }
    }

    /** Clicks the language button and waits for the page's heading to start with {@code heading}. */
    private static void switchLanguage(ChromeDriver browser, String heading) {
        click(browser, "#lang");
        eventually(WITHIN, () -> text(browser, "header h1").startsWith(heading));
    }

    /** The page's shown messages (errors, confirmations, the live state) that are written with Vietnamese letters. */
    static List<?> vietnameseMessages(ChromeDriver browser) {
        return (List<?>)
                browser.executeScript(
                        "return [...document.querySelectorAll("
                                + "'.error, [role=alert], [data-error-for], #save-message, #new-password, #live, #version')]"
                                + ".filter(e => e.offsetParent !== null).map(e => e.innerText.trim())"
                                + ".filter(text => /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i.test(text))");
    }

    static void signIn(ChromeDriver browser, String username) {
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(TestApi.PASSWORD);
        browser.findElement(By.cssSelector("#sign-in button")).click();
        eventually(WITHIN, () -> browser.findElement(By.id("view")).isDisplayed());
        eventually(WITHIN, () -> text(browser, "#version").startsWith("Phiên bản"));
    }

    static void tab(ChromeDriver browser, String name) {
        click(browser, "#tabs [data-tab=" + name + "]");
        eventually(WITHIN, () -> browser.findElement(By.id("tab-" + name)).isDisplayed());
    }

    static void click(ChromeDriver browser, String css) {
        browser.findElement(By.cssSelector(css)).click();
    }

    private static void input(ChromeDriver browser, String css, String value) {
        WebElement element = browser.findElement(By.cssSelector(css));
        element.clear();
        type(element, value);
    }

    private static void type(WebElement element, String value) {
        element.sendKeys(value);
    }

    static String text(ChromeDriver browser, String css) {
        return String.valueOf(browser.executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.textContent : '';", css));
    }

    private static long version(TestApi api) {
        return api.send(HttpMethod.GET, "/api/v1/admin/sites/demo", "admin", null)
                .bodyAsJsonObject()
                .getLong("version");
    }

    private static JsonObject document(TestApi api) {
        return api.send(HttpMethod.GET, "/api/v1/admin/sites/demo", "admin", null)
                .bodyAsJsonObject()
                .getJsonObject("document");
    }
}
