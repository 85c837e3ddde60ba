package org.xephang.api.announce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnnouncementBuilderTest {

    private static final List<String> A1023_AT_5 = List.of(
            "phrase-xin-moi-cong-dan-co-so-thu-tu",
            "letter-a",
            "num-mot-nang",
            "num-nghin",
            "num-khong",
            "num-tram",
            "num-hai",
            "num-muoi-ngang",
            "num-ba",
            "phrase-den-quay-so",
            "num-nam");

    @Test
    void defaultAnnouncementIsTheChimeThenTheSentenceTwiceWithAPauseBetween() {
        Announcement announcement =
                new AnnouncementBuilder(AnnouncementOptions.defaults()).build("A1023", 5, "Hộ tịch");

        assertThat(announcement.text())
                .isEqualTo("Xin mời công dân có số thứ tự A một nghìn không trăm hai mươi ba đến quầy số năm");
        assertThat(announcement.clips()).first().isEqualTo("chime");
        assertThat(announcement.clips().subList(1, 12)).isEqualTo(A1023_AT_5);
        assertThat(announcement.clips().get(12)).isEqualTo("pause");
        assertThat(announcement.clips().subList(13, 24)).isEqualTo(A1023_AT_5);
        assertThat(announcement.clips()).hasSize(24);
    }

    @Test
    void southernDigitModeReadsEachDigitAndTheCounterAsAWholeNumber() {
        AnnouncementOptions options = AnnouncementOptions.defaults()
                .withDialect(Dialect.SOUTH)
                .withMode(ReadingMode.DIGITS)
                .withRepeat(1);

        Announcement announcement = new AnnouncementBuilder(options).build("B007", 15, null);

        assertThat(announcement.text())
                .isEqualTo("Xin mời công dân có số thứ tự B không không bảy đến quầy số mười lăm");
        assertThat(announcement.clips())
                .containsExactly(
                        "chime",
                        "phrase-xin-moi-cong-dan-co-so-thu-tu",
                        "letter-b",
                        "num-khong",
                        "num-khong",
                        "num-bay",
                        "phrase-den-quay-so",
                        "num-muoi-huyen",
                        "num-lam");
    }

    @Test
    void paddedNumbersLoseTheirLeadingZerosInWholeMode() {
        Announcement announcement = new AnnouncementBuilder(AnnouncementOptions.defaults()).build("A007", 1, null);

        assertThat(announcement.text()).contains("số thứ tự A bảy đến quầy số một");
    }

    @Test
    void addressFormAndFieldNameAreConfigurable() {
        AnnouncementOptions options = AnnouncementOptions.defaults()
                .withAddressForm("quý khách")
                .withIncludeService(true)
                .withRepeat(1);

        Announcement announcement = new AnnouncementBuilder(options).build("Đ21", 3, "Hộ tịch");

        assertThat(announcement.text())
                .isEqualTo("Xin mời quý khách có số thứ tự Đ hai mươi mốt đến quầy số ba, lĩnh vực Hộ tịch");
        assertThat(announcement.clips())
                .containsExactly(
                        "chime",
                        "phrase-xin-moi-quy-khach-co-so-thu-tu",
                        "letter-dd",
                        "num-hai",
                        "num-muoi-ngang",
                        "num-mot-sac",
                        "phrase-den-quay-so",
                        "num-ba",
                        "phrase-linh-vuc",
                        "field-ho-tich");
    }

    @Test
    void customWordingChangesTheTextAndNamesItsPhraseClips() {
        AnnouncementOptions d = AnnouncementOptions.defaults();
        AnnouncementOptions options = new AnnouncementOptions(
                d.dialect(),
                d.mode(),
                "ông bà",
                false,
                1,
                new AnnouncementOptions.Wording("Mời", "số", "tới quầy", "lĩnh vực"));

        Announcement announcement = new AnnouncementBuilder(options).build("C12", 2, null);

        assertThat(announcement.text()).isEqualTo("Mời ông bà số C mười hai tới quầy hai");
        assertThat(announcement.clips()).contains("phrase-moi-ong-ba-so", "phrase-toi-quay");
    }

    @Test
    void rejectsMalformedTicketNumbersAndCounters() {
        AnnouncementBuilder builder = new AnnouncementBuilder(AnnouncementOptions.defaults());

        assertThatThrownBy(() -> builder.build("a12", 1, null)).hasMessageContaining("a12");
        assertThatThrownBy(() -> builder.build("A", 1, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.build("A-12", 1, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.build("Ă12", 1, null)).hasMessageContaining("Ă");
        assertThatThrownBy(() -> builder.build("A12", 0, null)).hasMessageContaining("counter");
    }

    @Test
    void announcementSurvivesAJsonRoundTrip() {
        Announcement announcement = new AnnouncementBuilder(AnnouncementOptions.defaults()).build("A1023", 5, null);

        JsonObject json = new JsonObject(announcement.toJson().encode());

        assertThat(Announcement.fromJson(json)).isEqualTo(announcement);
        assertThat(json.getString("text")).startsWith("Xin mời");
    }

    @Test
    void optionsSurviveAJsonRoundTripAndMissingKeysTakeTheirDefaults() {
        AnnouncementOptions options = AnnouncementOptions.defaults()
                .withDialect(Dialect.SOUTH)
                .withMode(ReadingMode.DIGITS)
                .withAddressForm("ông bà")
                .withIncludeService(true)
                .withRepeat(3);

        assertThat(AnnouncementOptions.fromJson(new JsonObject(options.toJson().encode())))
                .isEqualTo(options);
        assertThat(AnnouncementOptions.fromJson(new JsonObject())).isEqualTo(AnnouncementOptions.defaults());
        assertThat(AnnouncementOptions.fromJson(new JsonObject().put("dialect", "South"))
                        .dialect())
                .isEqualTo(Dialect.SOUTH);
    }

    @Test
    void badOptionsAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> AnnouncementOptions.fromJson(new JsonObject().put("dialect", "central")))
                .hasMessageContaining("dialect must be north or south");
        assertThatThrownBy(() -> AnnouncementOptions.fromJson(new JsonObject().put("repeat", 0)))
                .hasMessageContaining("repeat");
        assertThatThrownBy(() -> AnnouncementOptions.defaults().withAddressForm(" "))
                .hasMessageContaining("addressForm");
        assertThatThrownBy(() -> AnnouncementOptions.fromJson(new JsonObject().put("mode", "words")))
                .hasMessageContaining("whole or digits");
    }

    @Test
    void everyPrefixLetterHasAnAsciiClip() {
        assertThat(PrefixLetters.supported()).hasSize(27);
        for (char letter : PrefixLetters.supported()) {
            assertThat(PrefixLetters.clip(letter)).matches("letter-[a-z]+");
        }
        assertThat(PrefixLetters.spokenName('L')).contains("e-lờ");
        assertThat(PrefixLetters.spokenName('Ă')).isEmpty();
    }
}
