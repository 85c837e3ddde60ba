package org.xephang.core.backend.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xephang.core.backend.lookup.DossierLookupException.Reason;

/** Recorded vendor answers (src/test/resources/backend/lookup) → the normalised status. */
class ProviderMappingTest {

    private static final Instant NOW = Instant.parse("2026-11-22T01:00:00Z"); // 08:00 in Vietnam
    private static final LookupConfig.Igate IGATE = new LookupConfig.Igate("t", "c", "s", "u", Map.of());

    @Test
    void igateAnswerIsNormalisedWithMaskedOwnerAndRescheduledAppointment() {
        DossierStatus status = IgateProvider.read("H21.65-261110-0042", sample("igate-search.json"), IGATE);

        assertThat(status.status()).isEqualTo(DossierStatusCode.PROCESSING);
        assertThat(status.vendorStatusId()).isEqualTo("2");
        assertThat(status.vendorStatusName()).isEqualTo("Đang xử lý");
        assertThat(status.maskedOwner()).isEqualTo("Nguyễn V*** A");
        assertThat(status.procedure()).isEqualTo("Đăng ký khai sinh");
        assertThat(status.receivedAt()).isEqualTo(Instant.parse("2026-11-10T01:20:00Z"));
        assertThat(status.appointmentAt()).isEqualTo(Instant.parse("2026-11-17T10:00:00Z"));
        assertThat(status.rescheduledAppointmentAt()).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
        assertThat(status.currentStep()).isEqualTo("Thẩm định hồ sơ (Phòng Tư pháp)");
        assertThat(status.returnPlace()).startsWith("Quầy 3");
        assertThat(status.history())
                .extracting(DossierStatus.Step::description)
                .containsExactly("Tiếp nhận hồ sơ", "Phân công xử lý");
        assertThat(OverdueRule.isOverdue(status, NOW)).isTrue();
    }

    @Test
    void igatePublicJsonCarriesNoIdNumberPhoneOrFullName() {
        String json = IgateProvider.read("H21.65-261110-0042", sample("igate-search.json"), IGATE)
                .toJson(NOW)
                .encode();

        assertThat(json).doesNotContain("001099012345", "0912345678", "Văn An");
        assertThat(new JsonObject(json).getBoolean("overdue")).isTrue();
        assertThat(new JsonObject(json).getJsonObject("status").getInteger("code"))
                .isEqualTo(4);
    }

    @Test
    void igateStatusIdUnknownToTheTableIsMappedByName() {
        DossierStatus status = IgateProvider.read("H21.65-261101-0007", sample("igate-search-name-only.json"), IGATE);

        assertThat(status.status()).isEqualTo(DossierStatusCode.RESULT_READY);
        assertThat(status.vendorStatusId()).isEqualTo("17");
        assertThat(status.maskedOwner()).isEqualTo("Trần T*** B*** N");
        assertThat(OverdueRule.isOverdue(status, NOW)).isFalse();
    }

    @Test
    void igateConfiguredStatusIdWinsOverTheName() {
        var settings = new LookupConfig.Igate("t", "c", "s", "u", Map.of("17", 10));

        DossierStatus status =
                IgateProvider.read("H21.65-261101-0007", sample("igate-search-name-only.json"), settings);

        assertThat(status.status()).isEqualTo(DossierStatusCode.RESULT_RETURNED);
    }

    @Test
    void igateEmptySearchMeansUnknownDossier() {
        assertThatThrownBy(() -> IgateProvider.read("H21.65-261110-0042", sample("igate-search-empty.json"), IGATE))
                .isInstanceOfSatisfying(
                        DossierLookupException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    @Test
    void igateUnreadableDateIsAMalformedAnswerNamingTheField() {
        assertThatThrownBy(() -> IgateProvider.read("H21.65-261110-0042", sample("igate-search-malformed.json"), IGATE))
                .isInstanceOfSatisfying(DossierLookupException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
                    assertThat(e.getMessage()).contains("appointmentDate");
                });
    }

    @Test
    void dvcqgAnswerIsNormalisedAndFinishedLateCountsAsOverdue() {
        DossierStatus status = DvcqgProvider.read(sample("dvcqg-tracuu.json"));

        assertThat(status.code()).isEqualTo("000.00.15.H56-261105-0003");
        assertThat(status.status()).isEqualTo(DossierStatusCode.RESULT_RETURNED);
        assertThat(status.maskedOwner()).isEqualTo("Lê H*** M");
        assertThat(status.receivedAt()).isEqualTo(Instant.parse("2026-11-05T01:30:00Z"));
        assertThat(status.appointmentAt()).isEqualTo(Instant.parse("2026-11-19T10:00:00Z"));
        assertThat(status.finishedAt()).isEqualTo(Instant.parse("2026-11-21T03:00:00Z"));
        assertThat(status.returnedAt()).isEqualTo(Instant.parse("2026-11-21T07:30:00Z"));
        assertThat(status.returnPlace()).isEqualTo("Bộ phận Một cửa UBND phường");
        assertThat(status.history()).hasSize(2);
        assertThat(OverdueRule.isOverdue(status, NOW)).isTrue();
        assertThat(status.toJson(NOW).encode()).doesNotContain("079188001234", "0987654321", "Hoàng Minh");
    }

    @Test
    void dvcqgEmptyResultMeansUnknownDossier() {
        assertThatThrownBy(() -> DvcqgProvider.read(sample("dvcqg-tracuu-empty.json")))
                .isInstanceOfSatisfying(
                        DossierLookupException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    @Test
    void dvcqgStatusOutsideTheNationalListIsMalformed() {
        assertThatThrownBy(() -> DvcqgProvider.read(sample("dvcqg-tracuu-malformed.json")))
                .isInstanceOfSatisfying(DossierLookupException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
                    assertThat(e.getMessage()).contains("TrangThaiHoSo");
                });
    }

    @Test
    void genericAnswerWithNumericStatusAndDateOnlyAppointmentIsDueAtTheEndOfThatDay() {
        DossierStatus status = GenericJsonProvider.read(sample("generic.json"));

        assertThat(status.status()).isEqualTo(DossierStatusCode.SUPPLEMENT_REQUESTED);
        assertThat(status.appointmentAt()).isEqualTo(Instant.parse("2026-11-25T16:59:59Z"));
        assertThat(status.maskedOwner()).isEqualTo("Phạm Q*** B");
        assertThat(OverdueRule.isOverdue(status, NOW)).isFalse();
        assertThat(OverdueRule.isOverdue(status, Instant.parse("2026-11-25T17:00:00Z")))
                .isTrue();
    }

    @Test
    void genericAnswerWithOpenCpsStatusStringAndEpochMillis() {
        DossierStatus status = GenericJsonProvider.read(sample("generic-opencps.json"));

        assertThat(status.status()).isEqualTo(DossierStatusCode.RESULT_READY);
        assertThat(status.vendorStatusId()).isEqualTo("releasing");
        assertThat(status.receivedAt()).isEqualTo(Instant.parse("2026-11-20T02:00:00Z"));
        assertThat(OverdueRule.isOverdue(status, NOW)).isFalse();
    }

    @Test
    void genericAnswerWithAnObjectAsStatusIsMalformed() {
        assertThatThrownBy(() -> GenericJsonProvider.read(sample("generic-malformed.json")))
                .isInstanceOfSatisfying(DossierLookupException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
                    assertThat(e.getMessage()).contains("status");
                });
    }

    static JsonObject sample(String name) {
        try (InputStream in = ProviderMappingTest.class.getResourceAsStream("/backend/lookup/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
