package org.xephang.core.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.text.Normalizer;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xephang.api.Role;
import org.xephang.api.SiteInfo;
import org.xephang.api.announce.Dialect;
import org.xephang.core.notify.NotificationSettings;
import org.xephang.core.site.CounterConfig.ServiceOrder;
import org.xephang.core.site.OpeningHours.Session;

class CentreConfigLoaderTest {

    static final Path EXAMPLE = Path.of("..", "examples", "centre.yaml");

    static final String MINIMAL = """
            sites:
              - code: s1
                name: Bộ phận Một cửa xã Thử
                services:
                  - { code: A, name: Hộ tịch }
                counters:
                  - { number: 1, services: [A] }
            """;

    @Test
    void exampleCentreLoadsWithNineCountersAndEveryServiceServed() throws Exception {
        CentreConfig config = CentreConfigLoader.load(EXAMPLE);

        SiteConfig demo = config.site("demo").orElseThrow();
        assertThat(demo.counters()).extracting(CounterConfig::number).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(demo.services()).extracting(ServiceConfig::code).startsWith("A", "B", "C", "D");
        assertThat(demo.services()).allSatisfy(s -> {
            assertThat(s.prefix()).isEqualTo(s.code());
            assertThat(demo.countersServing(s.code())).isNotEmpty();
            assertThat(s.dailyCap()).isNotNull();
            assertThat(s.procedures()).isNotEmpty().allSatisfy(p -> {
                assertThat(p.documents()).isNotEmpty();
                assertThat(p.processingTime()).isNotBlank();
                assertThat(p.fee()).isNotBlank();
            });
        });
        assertThat(demo.closures()).isNotEmpty();
        assertThat(demo.notice()).isNotBlank();
        assertThat(demo.hotline()).isNotBlank();
        assertThat(demo.announcement().dialect()).isEqualTo(Dialect.SOUTH);
        assertThat(demo.openingHours().on(DayOfWeek.SATURDAY))
                .containsExactly(new Session(LocalTime.of(7, 30), LocalTime.of(11, 30)));
        assertThat(demo.openingHours().on(DayOfWeek.SUNDAY)).isEmpty();
        assertThat(demo.counter(2).orElseThrow().order()).isEqualTo(ServiceOrder.LISTED);
    }

    @Test
    void exampleAccountsAreTheDocumentedDemoAccountsWithBcryptHashesOfDemo() throws Exception {
        CentreConfig config = CentreConfigLoader.load(EXAMPLE);

        assertThat(config.accounts())
                .extracting(Account::username)
                .containsExactly(
                        "admin",
                        "supervisor",
                        "officer1",
                        "officer2",
                        "officer3",
                        "officer4",
                        "officer5",
                        "officer6",
                        "officer7",
                        "officer8",
                        "officer9",
                        "kiosk1",
                        "board1",
                        "quaypc1");
        assertThat(config.account("officer4").orElseThrow().counter()).isEqualTo(4);
        assertThat(config.account("officer2").orElseThrow().shownName()).isEqualTo("Trần Thị Bình");
        assertThat(config.account("kiosk1").orElseThrow().shownName()).isEqualTo("kiosk1");
        assertThat(config.account("kiosk1").orElseThrow().role()).isEqualTo(Role.KIOSK);
        assertThat(config.account("board1").orElseThrow().role()).isEqualTo(Role.DISPLAY);
        assertThat(config.accounts())
                .allSatisfy(a -> assertThat(at.favre.lib.crypto.bcrypt.BCrypt.verifyer()
                                .verify("demo".toCharArray(), a.passwordHash())
                                .verified)
                        .isTrue());
    }

    @Test
    void siteInfoDescribesServicesCountersAndHoursInVietnamese() throws Exception {
        SiteInfo info =
                CentreConfigLoader.load(EXAMPLE).site("demo").orElseThrow().toSiteInfo();

        assertThat(info.service("C").name()).isEqualTo("Hộ tịch");
        assertThat(info.service("C").counters()).containsExactly(4, 5, 7);
        assertThat(info.service("C").procedures()).isNotEmpty();
        assertThat(info.openingHours())
                .containsExactly(
                        "Thứ Hai – Thứ Sáu: 07:30–11:30, 13:30–17:00", "Thứ Bảy: 07:30–11:30", "Chủ nhật: nghỉ");
        assertThat(SiteInfo.fromJson(info.toJson())).isEqualTo(info);
    }

    @Test
    void minimalSiteTakesTheDocumentedDefaults() throws Exception {
        SiteConfig site = CentreConfigLoader.parse(MINIMAL, "test").sites().get(0);

        assertThat(site.timeZone().getId()).isEqualTo("Asia/Ho_Chi_Minh");
        assertThat(site.ticketCutoffMinutes()).isEqualTo(15);
        assertThat(site.services().get(0).width()).isEqualTo(3);
        assertThat(site.services().get(0).dailyCap()).isNull();
        assertThat(site.counters().get(0).name()).isEqualTo("Quầy 1");
        assertThat(site.priorityCategories()).extracting(PriorityCategory::code).contains("elderly", "merit");
        assertThat(site.openingHours().on(DayOfWeek.MONDAY)).hasSize(2);
        assertThat(site.openingHours().on(DayOfWeek.SATURDAY)).isEmpty();
        assertThat(site.supervision()).isEqualTo(new SiteInfo.Supervision(30, 15));
        assertThat(site.toSiteInfo().toJson().getJsonObject("supervision").getInteger("pauseAlertMinutes"))
                .isEqualTo(15);
    }

    @Test
    void theLiveViewsAlertThresholdsAreReadFromTheSite() throws Exception {
        String yaml = MINIMAL.replaceFirst(
                "(?m)^(\\s+)name: (.*)$", "$1name: $2\n$1supervision: { waitAlertMinutes: 45, pauseAlertMinutes: 20 }");

        SiteConfig site = CentreConfigLoader.parse(yaml, "t").sites().get(0);

        assertThat(site.supervision()).isEqualTo(new SiteInfo.Supervision(45, 20));
        assertThat(SiteInfo.fromJson(site.toSiteInfo().toJson()).supervision()).isEqualTo(site.supervision());
    }

    @Test
    void notificationsAreOffUnlessASiteChoosesAProviderAndKeepTheDocumentedDefaults() throws Exception {
        SiteConfig plain = CentreConfigLoader.parse(MINIMAL, "t").sites().get(0);
        assertThat(plain.notifications()).isEqualTo(NotificationSettings.OFF);
        assertThat(plain.notifications().enabled()).isFalse();

        String yaml = MINIMAL.replaceFirst(
                "(?m)^(\\s+)name: (.*)$", "$1name: $2\n$1notifications: { provider: zalo, nearMinutes: 0 }");
        SiteConfig site = CentreConfigLoader.parse(yaml, "t").sites().get(0);
        assertThat(site.notifications()).isEqualTo(new NotificationSettings("zalo", 3, 0, "end-of-day"));
    }

    @Test
    void badNotificationSettingsAreNamedByTheirKeys() {
        String yaml = MINIMAL.replaceFirst(
                "(?m)^(\\s+)name: (.*)$",
                "$1name: $2\n$1notifications: { provider: fax, nearPosition: -1, keepNumbers: forever, often: 2 }");
        assertThatThrownBy(() -> CentreConfigLoader.parse(yaml, "t"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("notifications.provider")
                .hasMessageContaining("fax")
                .hasMessageContaining("notifications.nearPosition")
                .hasMessageContaining("notifications.keepNumbers")
                .hasMessageContaining("often");
    }

    @Test
    void everyProblemIsReportedAtOnceEachNamingItsKey() {
        String yaml = """
                sites:
                  - code: Demo Site
                    name: X
                    timeZone: Mars/Olympus
                    ticketCutoffMinutes: -5
                    openingHours:
                      monday: ["08:00-07:00"]
                      funday: ["08:00-09:00"]
                    services:
                      - { code: A, name: Hộ tịch, prefix: a1 }
                      - { code: B, name: Đất đai, width: 7 }
                      - { code: C, name: Xây dựng }
                      - { code: F, name: Thử }
                    counters:
                      - { number: 1, services: [A, Z] }
                      - { number: 1, services: [B], order: random }
                accounts:
                  - { username: admin, role: boss, password: demo }
                """;

        assertThatThrownBy(() -> CentreConfigLoader.parse(yaml, "bad.yaml"))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems())
                        .anySatisfy(p -> assertThat(p).startsWith("sites[0].code: must be lower-case"))
                        .anySatisfy(p -> assertThat(p).startsWith("sites[0].timeZone: must be a time zone id"))
                        .anySatisfy(p -> assertThat(p)
                                .startsWith("sites[0].ticketCutoffMinutes: must be a whole number from 0 to 240"))
                        .anySatisfy(p -> assertThat(p)
                                .startsWith("sites[0].openingHours.monday[0]: the session must end after it starts"))
                        .anySatisfy(p ->
                                assertThat(p).startsWith("sites[0].openingHours.funday: unknown key; allowed here:"))
                        .anySatisfy(p ->
                                assertThat(p).startsWith("sites[0].services[0].prefix: must be one capital letter"))
                        .anySatisfy(p -> assertThat(p)
                                .startsWith("sites[0].services[1].width: must be a whole number from 3 to 4"))
                        .anySatisfy(
                                p -> assertThat(p).startsWith("sites[0].services[2]: no counter serves service \"C\""))
                        .anySatisfy(
                                p -> assertThat(p)
                                        .startsWith(
                                                "sites[0].services[3].prefix: must be one capital letter that announcements can say"))
                        .anySatisfy(p ->
                                assertThat(p).startsWith("sites[0].counters[0].services[1]: unknown service \"Z\""))
                        .anySatisfy(p ->
                                assertThat(p).startsWith("sites[0].counters[1].number: duplicate counter number 1"))
                        .anySatisfy(p ->
                                assertThat(p).startsWith("sites[0].counters[1].order: must be one of fcfs, listed"))
                        .anySatisfy(p -> assertThat(p).startsWith("accounts[0].role: must be one of admin, supervisor"))
                        .anySatisfy(
                                p -> assertThat(p).startsWith("accounts[0].password: plain passwords are not accepted"))
                        .anySatisfy(p -> assertThat(p).startsWith("accounts[0].passwordHash: is required")))
                .hasMessageContaining("bad.yaml");
    }

    @Test
    void dailyCapMustFitTheNumberWidth() {
        String yaml = MINIMAL.replace("{ code: A, name: Hộ tịch }", "{ code: A, name: Hộ tịch, dailyCap: 1500 }");

        assertThatThrownBy(() -> CentreConfigLoader.parse(yaml, "t"))
                .hasMessageContaining("sites[0].services[0].dailyCap: must fit in 3 digits (width), at most 999");
    }

    @Test
    void aTextWithAControlCharacterIsReportedByItsKey() {
        // A zero byte, an escape or a bell (the LED boards' frame bytes) would reach boards, printers and
        // announcements.
        String yaml = MINIMAL.replace("{ code: A, name: Hộ tịch }", "{ code: A, name: \"Hộ\\e[2J tịch\\a\" }");

        assertThatThrownBy(() -> CentreConfigLoader.parse(yaml, "t"))
                .hasMessageContaining("sites[0].services[0].name: must not contain control characters");
    }

    @Test
    void aCutOffLongerThanASessionIsReported() {
        String yaml = MINIMAL.replace(
                "    services:",
                "    openingHours: { saturday: [\"07:30-08:00\"] }\n    ticketCutoffMinutes: 30\n    services:");

        assertThatThrownBy(() -> CentreConfigLoader.parse(yaml, "t"))
                .hasMessageContaining("sites[0].ticketCutoffMinutes: leaves no time to issue tickets in the saturday"
                        + " session 07:30–08:00; it must be shorter than every session");
    }

    @Test
    void aSiteWithoutAPriorityRuleAllowsThreePriorityCallsInARow() throws Exception {
        SiteConfig site = CentreConfigLoader.parse(MINIMAL, "t").site("s1").orElseThrow();

        assertThat(site.priorityRule()).isEqualTo(PriorityRule.DEFAULT);
        assertThat(site.priorityRule().maxInRow()).isEqualTo(3);
    }

    @Test
    void aSiteMayChooseStrictPriorityOrAWaitLimitForTheNormalLine() throws Exception {
        String strict = MINIMAL.replace("    services:", "    priorityRule: { maxInRow: 0 }\n    services:");
        String limited = MINIMAL.replace(
                "    services:", "    priorityRule: { maxInRow: 5, normalWaitLimitMinutes: 40 }\n    services:");

        assertThat(CentreConfigLoader.parse(strict, "t")
                        .site("s1")
                        .orElseThrow()
                        .priorityRule()
                        .isStrict())
                .isTrue();
        assertThat(CentreConfigLoader.parse(limited, "t")
                        .site("s1")
                        .orElseThrow()
                        .priorityRule())
                .isEqualTo(new PriorityRule(5, java.time.Duration.ofMinutes(40)));
    }

    @Test
    void aBadPriorityRuleNamesItsKey() {
        String yaml = MINIMAL.replace(
                "    services:", "    priorityRule: { maxInRow: -1, normalWaitMinutes: 40 }\n    services:");

        assertThatThrownBy(() -> CentreConfigLoader.parse(yaml, "t"))
                .hasMessageContaining("sites[0].priorityRule.maxInRow")
                .hasMessageContaining("normalWaitMinutes");
    }

    @Test
    void brokenYamlIsReportedWithItsPosition() {
        assertThatThrownBy(() -> CentreConfigLoader.parse("sites: [\n  - code: x\n", "broken.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void missingSitesIsReported() {
        assertThatThrownBy(() -> CentreConfigLoader.parse("accounts: []\n", "t"))
                .isInstanceOf(ConfigException.class)
                .satisfies(e ->
                        assertThat(((ConfigException) e).problems()).containsExactly("sites: is required (a list)"));
    }

    @Test
    void holidaysAcceptPlainDatesAndRanges() throws Exception {
        String yaml = MINIMAL + """
                    holidays:
                      - 2026-09-02
                      - { from: 2026-02-14, to: 2026-02-22, name: Tết Nguyên đán }
                """;

        List<Closure> closures =
                CentreConfigLoader.parse(yaml, "t").sites().get(0).closures();

        assertThat(closures).hasSize(2);
        assertThat(closures.get(1).name()).isEqualTo("Tết Nguyên đán");
        assertThat(closures.get(1).contains(LocalDate.of(2026, 2, 18))).isTrue();
    }

    @Test
    void badHolidaysAndDuplicateCategoriesAndAccountsAreReported() {
        String yaml = MINIMAL + """
                    holidays:
                      - 2026-13-01
                      - { from: 2026-02-22, to: 2026-02-14 }
                    priorityCategories:
                      - { code: elderly, name: Người cao tuổi }
                      - { code: elderly, name: Người già }
                accounts:
                  - { username: a, role: officer, counter: 42, passwordHash: "$2a$10$KFU.4FB0deaMJ1v6RlOeuOmUS4kOscOIaw1QhdmeY7YhZBXblZq8m" }
                  - { username: a, role: kiosk, passwordHash: "not-a-hash" }
                """;

        assertThatThrownBy(() -> CentreConfigLoader.parse(yaml, "t"))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems())
                        .contains(
                                "sites[0].holidays[0]: must be a date YYYY-MM-DD such as 2026-09-02, got \"2026-13-01\"",
                                "sites[0].holidays[1].to: must not be before from (2026-02-22)",
                                "sites[0].priorityCategories[1].code: duplicate priority category \"elderly\"",
                                "accounts[0].counter: no site has counter 42",
                                "accounts[1].username: duplicate username \"a\"",
                                "accounts[1].passwordHash: must be a bcrypt hash ($2a$, $2b$ or $2y$, 60 characters)"));
    }

    @Test
    void namesAreStoredInNfcWhateverTheFileUses() throws Exception {
        String decomposed = Normalizer.normalize("Hộ tịch", Normalizer.Form.NFD);
        String yaml = MINIMAL.replace("name: Hộ tịch", "name: " + decomposed);

        assertThat(CentreConfigLoader.parse(yaml, "t")
                        .sites()
                        .get(0)
                        .services()
                        .get(0)
                        .name())
                .isEqualTo("Hộ tịch")
                .hasSize(7);
    }

    @Test
    void accountsOfASeveralSiteCentreNameTheirSitesAndOfficersTheirCounters() throws Exception {
        String twoSites = """
                sites:
                  - code: north
                    name: Bắc
                    services: [{ code: A, name: Đất đai }]
                    counters: [{ number: 1, services: [A] }, { number: 2, services: [A] }]
                  - code: south
                    name: Nam
                    services: [{ code: A, name: Đất đai }]
                    counters: [{ number: 1, services: [A] }]
                accounts:
                  - { username: p, role: admin, passwordHash: "%1$s" }
                  - { username: o, role: officer, sites: [north], counter: 1, counters: [2], passwordHash: "%1$s" }
                  - { username: k, role: kiosk, sites: [south], passwordHash: "%1$s" }
                """.formatted("$2a$10$KFU.4FB0deaMJ1v6RlOeuOmUS4kOscOIaw1QhdmeY7YhZBXblZq8m");

        List<org.xephang.core.site.Account> accounts =
                CentreConfigLoader.parse(twoSites, "t").accounts();

        assertThat(accounts.get(0).sites()).isEmpty();
        assertThat(accounts.get(1).sites()).containsExactly("north");
        assertThat(accounts.get(1).counters()).containsExactlyInAnyOrder(1, 2);
        assertThat(accounts.get(2).sites()).containsExactly("south");
        assertThatThrownBy(() -> CentreConfigLoader.parse(
                        twoSites.replace("sites: [south], ", "").replace("sites: [north]", "sites: ALL"), "t"))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems())
                        .contains(
                                "accounts[1].sites: ALL is only for a province administrator (role admin)",
                                "accounts[2].sites: is required when the configuration has several sites: the site"
                                        + " codes this account works at (only an ADMIN may have ALL)"));
    }
}
