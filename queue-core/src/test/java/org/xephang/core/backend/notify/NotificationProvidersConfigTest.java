package org.xephang.core.backend.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xephang.core.backend.DossierConfigReader;
import org.xephang.core.notify.NotificationKind;
import org.xephang.core.site.ConfigException;

/** The centre's {@code notifications:} section: the SMS and Zalo accounts. */
class NotificationProvidersConfigTest {

    @Test
    void bothAccountsAreReadWithSecretsFromTheEnvironment() throws Exception {
        String yaml = """
                notifications:
                  requestsPerMinute: 120
                  timeout: 3s
                  backoff: { initial: 2s, max: 1m }
                  inbound: { secret: env:SMS_INBOUND_SECRET }
                  sms:
                    url: https://sms.example.vn/api/send
                    apiKey: env:SMS_KEY
                    brandname: UBND-Q1
                  zalo:
                    accessToken: env:ZALO_TOKEN
                    templates: { near-turn: "231456", called: "231457" }
                """;
        NotificationProviders providers = DossierConfigReader.parseNotifications(
                yaml,
                "centre.yaml",
                Map.of("SMS_KEY", "k-123", "ZALO_TOKEN", "tok-456", "SMS_INBOUND_SECRET", "s".repeat(20))::get);

        assertThat(providers.sms())
                .isEqualTo(new SmsGatewayProfile.Config(
                        "https://sms.example.vn/api/send", "k-123", "X-Api-Key", "UBND-Q1", false));
        assertThat(providers.zalo())
                .isEqualTo(new ZaloZnsProfile.Config(
                        ZaloZnsProfile.DEFAULT_URL,
                        "tok-456",
                        Map.of(NotificationKind.NEAR_TURN, "231456", NotificationKind.CALLED, "231457")));
        assertThat(providers.requestsPerMinute()).isEqualTo(120);
        assertThat(providers.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(providers.initialBackoff()).isEqualTo(Duration.ofSeconds(2));
        assertThat(providers.maxBackoff()).isEqualTo(Duration.ofMinutes(1));
        assertThat(providers.profile("sms"))
                .get()
                .extracting(NotificationProfile::name)
                .isEqualTo("sms");
        assertThat(providers.profile("zalo"))
                .get()
                .extracting(NotificationProfile::name)
                .isEqualTo("zalo");
        assertThat(providers.profile("none")).isEmpty();
        assertThat(providers.toString()).doesNotContain("k-123", "tok-456", "sssss");
    }

    @Test
    void aFileWithoutTheSectionHasNoAccounts() throws Exception {
        NotificationProviders providers = DossierConfigReader.parseNotifications("sites: []\n", "t", name -> null);
        assertThat(providers).isEqualTo(NotificationProviders.none());
        assertThat(providers.profile("sms")).isEmpty();
    }

    @Test
    void everyProblemIsReportedAtOnceNamingItsKey() {
        String yaml = """
                notifications:
                  fax: {}
                  timeout: soon
                  inbound: { secret: short }
                  sms: { url: ftp://x, brandname: "much too long a name", unicode: maybe }
                  zalo: { templates: { near-turn: abc, later: "1" } }
                """;
        assertThatThrownBy(() -> DossierConfigReader.parseNotifications(yaml, "centre.yaml", name -> null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("notifications.fax: unknown key")
                .hasMessageContaining("notifications.timeout")
                .hasMessageContaining("notifications.inbound.secret")
                .hasMessageContaining("notifications.sms.url")
                .hasMessageContaining("notifications.sms.apiKey")
                .hasMessageContaining("notifications.sms.brandname")
                .hasMessageContaining("notifications.sms.unicode")
                .hasMessageContaining("notifications.zalo.accessToken")
                .hasMessageContaining("notifications.zalo.templates.later: unknown key")
                .hasMessageContaining("notifications.zalo.templates.near-turn")
                .hasMessageContaining("notifications.zalo.templates.called");
    }
}
