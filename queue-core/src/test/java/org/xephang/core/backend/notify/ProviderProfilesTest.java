package org.xephang.core.backend.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xephang.core.backend.forward.OutboundRequest;
import org.xephang.core.backend.notify.ProviderReply.Outcome;
import org.xephang.core.notify.Notification;
import org.xephang.core.notify.NotificationKind;
import org.xephang.core.notify.PhoneNumber;

/** The request each provider profile makes of a message, and what each of its answers means. */
class ProviderProfilesTest {

    private static final PhoneNumber PHONE = PhoneNumber.require("0912345678");
    private static final Notification NEAR = new Notification(
            "T42:near-turn", NotificationKind.NEAR_TURN, PHONE, "A012", "Bộ phận một cửa Quận 1", 2, null);
    private static final Notification CALLED =
            new Notification("T42:called", NotificationKind.CALLED, PHONE, "A012", "Bộ phận một cửa Quận 1", 0, "5");

    private final SmsGatewayProfile sms = new SmsGatewayProfile(
            new SmsGatewayProfile.Config("https://sms.example.vn/api/send", "k-123", null, "UBND-Q1", false));
    private final ZaloZnsProfile zalo = new ZaloZnsProfile(new ZaloZnsProfile.Config(
            null, "tok-456", Map.of(NotificationKind.NEAR_TURN, "231456", NotificationKind.CALLED, "231457")));

    @Test
    void theSmsGatewayGetsOneJsonPostWithTheKeyInItsHeaderAndTheTextWithoutDiacritics() {
        OutboundRequest request = sms.render(CALLED);
        assertThat(request.method()).isEqualTo(HttpMethod.POST);
        assertThat(request.url()).isEqualTo("https://sms.example.vn/api/send");
        assertThat(request.contentType()).isEqualTo("application/json; charset=utf-8");
        assertThat(request.headers()).containsExactly(Map.entry("X-Api-Key", "k-123"));
        assertThat(new JsonObject(request.body()))
                .isEqualTo(new JsonObject()
                        .put("to", "84912345678")
                        .put("brandname", "UBND-Q1")
                        .put("message", "Moi so A012 den quay 5 tai Bo phan mot cua Quan 1.")
                        .put("unicode", false)
                        .put("requestId", "T42:called"));
    }

    private static final Notification BOOKED = new Notification(
            "K7M2Q9XA:booked",
            NotificationKind.BOOKED,
            PHONE,
            "K7M2Q9XA",
            "Bộ phận một cửa Quận 1",
            0,
            null,
            Map.of("service", "Đất đai", "when", "09:15 ngày 07/12/2026"));

    @Test
    void aBookingsConfirmationNamesItsCodeFieldAndSlotButNeverThePerson() {
        assertThat(BOOKED.text())
                .isEqualTo("Đã đặt lịch Đất đai tại Bộ phận một cửa Quận 1 lúc 09:15 ngày 07/12/2026. Mã lịch hẹn:"
                        + " K7M2Q9XA. Vui lòng mang mã này đến quầy lấy số.");
        assertThat(new JsonObject(sms.render(BOOKED).body()).getString("message"))
                .startsWith("Da dat lich Dat dai tai Bo phan mot cua Quan 1 luc 09:15 ngay 07/12/2026.");
        ZaloZnsProfile withBookings = new ZaloZnsProfile(new ZaloZnsProfile.Config(
                null,
                "tok-456",
                Map.of(
                        NotificationKind.NEAR_TURN, "231456",
                        NotificationKind.CALLED, "231457",
                        NotificationKind.BOOKED, "231458")));
        assertThat(withBookings.sends(NotificationKind.BOOKED)).isTrue();
        assertThat(withBookings.sends(NotificationKind.BOOKING_MOVED)).isFalse();
        JsonObject body = new JsonObject(withBookings.render(BOOKED).body());
        assertThat(body.getString("template_id")).isEqualTo("231458");
        assertThat(body.getJsonObject("template_data"))
                .isEqualTo(new JsonObject()
                        .put("ticket_number", "K7M2Q9XA")
                        .put("site_name", "Bộ phận một cửa Quận 1")
                        .put("booking_code", "K7M2Q9XA")
                        .put("service", "Đất đai")
                        .put("time", "09:15 ngày 07/12/2026"));
        assertThat(zalo.sends(NotificationKind.BOOKED)).isFalse(); // no template: listed as given up, not sent
    }

    @Test
    void zaloTakesNoTemplateForADossierReplyWhichAnswersAnSmsBySms() {
        assertThatThrownBy(() -> new ZaloZnsProfile.Config(
                        null,
                        "tok",
                        Map.of(
                                NotificationKind.NEAR_TURN, "1",
                                NotificationKind.CALLED, "2",
                                NotificationKind.DOSSIER_REPLY, "3")))
                .hasMessageContaining("notifications.zalo.templates.dossier-reply: not sent by Zalo");
        assertThatThrownBy(() -> new ZaloZnsProfile.Config(
                        null,
                        "tok",
                        Map.of(
                                NotificationKind.NEAR_TURN,
                                "1",
                                NotificationKind.CALLED,
                                "2",
                                NotificationKind.BOOKED,
                                "x")))
                .hasMessageContaining("notifications.zalo.templates.booked");
    }

    @Test
    void aUnicodeSmsRouteGetsTheVietnameseText() {
        SmsGatewayProfile unicode = new SmsGatewayProfile(
                new SmsGatewayProfile.Config("https://sms.example.vn/send", "k", "Authorization-Key", "UBND-Q1", true));
        OutboundRequest request = unicode.render(NEAR);
        assertThat(request.headers()).containsExactly(Map.entry("Authorization-Key", "k"));
        assertThat(new JsonObject(request.body()).getString("message"))
                .isEqualTo("Sắp đến lượt số A012 tại Bộ phận một cửa Quận 1: còn 1 người trước bạn."
                        + " Vui lòng quay lại khu chờ.");
    }

    @Test
    void theSameMessageRendersTheSameBytesOnEveryAttempt() {
        assertThat(sms.render(NEAR).body()).isEqualTo(sms.render(NEAR).body());
        assertThat(zalo.render(NEAR).body()).isEqualTo(zalo.render(NEAR).body());
    }

    @Test
    void zaloGetsTheKindsTemplateItsDataAndTheTokenHeader() {
        OutboundRequest near = zalo.render(NEAR);
        assertThat(near.url()).isEqualTo(ZaloZnsProfile.DEFAULT_URL);
        assertThat(near.headers()).containsExactly(Map.entry("access_token", "tok-456"));
        assertThat(new JsonObject(near.body()))
                .isEqualTo(new JsonObject()
                        .put("phone", "84912345678")
                        .put("template_id", "231456")
                        .put(
                                "template_data",
                                new JsonObject()
                                        .put("ticket_number", "A012")
                                        .put("site_name", "Bộ phận một cửa Quận 1")
                                        .put("position", "2"))
                        .put("tracking_id", "T42:near-turn"));
        JsonObject called = new JsonObject(zalo.render(CALLED).body());
        assertThat(called.getString("template_id")).isEqualTo("231457");
        assertThat(called.getJsonObject("template_data").getString("counter")).isEqualTo("5");
    }

    @Test
    void httpStatusesAreAcceptedRetriedOrRefused() {
        assertThat(sms.read(200, "").outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(sms.read(202, "{}").outcome()).isEqualTo(Outcome.ACCEPTED);
        for (int retried : new int[] {408, 429, 500, 502, 503}) {
            assertThat(sms.read(retried, "").outcome()).as("%d", retried).isEqualTo(Outcome.RETRY);
            assertThat(zalo.read(retried, "").outcome()).as("%d", retried).isEqualTo(Outcome.RETRY);
        }
        for (int refused : new int[] {400, 401, 403, 404, 301}) {
            assertThat(sms.read(refused, "").outcome()).as("%d", refused).isEqualTo(Outcome.REJECTED);
        }
    }

    @Test
    void zaloAcceptsOnlyErrorZeroAndNamesItsRefusal() {
        assertThat(zalo.read(200, "{\"error\":0,\"message\":\"Success\",\"data\":{\"msg_id\":\"a1\"}}"))
                .isEqualTo(ProviderReply.accepted());
        assertThat(zalo.read(200, "{\"error\":-124,\"message\":\"Access token is invalid\"}"))
                .isEqualTo(new ProviderReply(Outcome.REJECTED, "Zalo error -124: Access token is invalid"));
        // The refusal is kept for the supervisors' list and logged: a number Zalo echoes back is not.
        assertThat(zalo.read(200, "{\"error\":-118,\"message\":\"User 84912345678 (0912 345 678) does not exist\"}"))
                .isEqualTo(new ProviderReply(Outcome.REJECTED, "Zalo error -118: User *** (***) does not exist"));
        assertThat(zalo.read(200, "<html>gateway</html>").outcome()).isEqualTo(Outcome.RETRY);
        assertThat(zalo.read(200, "").outcome()).isEqualTo(Outcome.RETRY);
    }

    @Test
    void badProviderSettingsAreRefusedEachNamedByItsKeyAndSecretsNeverPrinted() {
        assertThatThrownBy(() -> new SmsGatewayProfile.Config("ftp://x", " ", null, "A brandname too long", false))
                .hasMessageContaining("notifications.sms.url")
                .hasMessageContaining("notifications.sms.apiKey")
                .hasMessageContaining("notifications.sms.brandname");
        assertThatThrownBy(() -> new ZaloZnsProfile.Config(null, null, Map.of(NotificationKind.CALLED, "x1")))
                .hasMessageContaining("notifications.zalo.accessToken")
                .hasMessageContaining("notifications.zalo.templates.near-turn")
                .hasMessageContaining("notifications.zalo.templates.called");
        assertThat(new SmsGatewayProfile.Config("https://s.vn", "k-123", null, "B", false).toString())
                .doesNotContain("k-123");
        assertThat(new ZaloZnsProfile.Config(
                                null, "tok-456", Map.of(NotificationKind.NEAR_TURN, "1", NotificationKind.CALLED, "2"))
                        .toString())
                .doesNotContain("tok-456");
    }
}
