package org.xephang.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A refusal says itself in Vietnamese and in English on the wire, and the typed client reads both (ADR 0043). */
class QueueErrorTest {

    @Test
    void theWireFormCarriesTheVietnameseMessageTheEnglishOneAndTheDetails() {
        QueueError error = QueueError.withDetails(
                ErrorCode.SITE_CLOSED,
                "Ngoài giờ cấp số thứ tự.",
                "Outside the hours for taking numbers.",
                Map.of("nextOpening", "2026-11-24T07:30:00+07:00"));

        assertThat(error.toJson())
                .isEqualTo(new JsonObject()
                        .put("error", "SITE_CLOSED")
                        .put("message", "Ngoài giờ cấp số thứ tự.")
                        .put("messageEn", "Outside the hours for taking numbers.")
                        .put("nextOpening", "2026-11-24T07:30:00+07:00"));
        assertThat(error.getMessage()).isEqualTo("Ngoài giờ cấp số thứ tự.");
        assertThat(error.message("en")).isEqualTo("Outside the hours for taking numbers.");
        assertThat(error.message("vi")).isEqualTo("Ngoài giờ cấp số thứ tự.");
    }

    @Test
    void theClientReadsBothTextsBackAndKeepsOnlyTheRealDetails() {
        QueueError read = QueueError.fromJson(new JsonObject()
                .put("error", "VALIDATION")
                .put("message", "Cần có tên đăng nhập.")
                .put("messageEn", "A username is needed.")
                .put("field", "username"));

        assertThat(read.code()).isEqualTo(ErrorCode.VALIDATION);
        assertThat(read.getMessage()).isEqualTo("Cần có tên đăng nhập.");
        assertThat(read.messageEn()).isEqualTo("A username is needed.");
        assertThat(read.toJson())
                .isEqualTo(new JsonObject()
                        .put("error", "VALIDATION")
                        .put("message", "Cần có tên đăng nhập.")
                        .put("messageEn", "A username is needed.")
                        .put("field", "username"));
    }

    @Test
    void anAnswerOfAnOlderServerWithoutEnglishFallsBackToTheVietnamese() {
        QueueError read =
                QueueError.fromJson(new JsonObject().put("error", "FORBIDDEN").put("message", "Không được phép."));

        assertThat(read.messageEn()).isEqualTo("Không được phép.");
        assertThat(read.toJson().getString("messageEn")).isEqualTo("Không được phép.");
    }

    @Test
    void aRefusalCannotBeMadeWithoutItsEnglish() {
        assertThatThrownBy(() -> new QueueError(ErrorCode.INVALID_REQUEST, "Yêu cầu không hợp lệ.", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("messageEn");
    }
}
