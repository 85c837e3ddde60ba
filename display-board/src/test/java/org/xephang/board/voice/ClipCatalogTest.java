package org.xephang.board.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.xephang.api.announce.Announcement;
import org.xephang.api.announce.AnnouncementBuilder;
import org.xephang.api.announce.AnnouncementOptions;
import org.xephang.api.announce.ClipNames;
import org.xephang.api.announce.Dialect;
import org.xephang.api.announce.NumberSyllable;
import org.xephang.api.announce.PrefixLetters;

class ClipCatalogTest {

    /** The example fields of docs/domain-vn.md §6 and examples/centre.yaml, recorded by make-clips.sh. */
    private static final List<String> EXAMPLE_FIELDS = List.of(
            "Đất đai",
            "Đăng ký kinh doanh",
            "Hộ tịch",
            "Chứng thực",
            "Thương mại, dịch vụ",
            "Xây dựng",
            "Tôn giáo",
            "Thi đua khen thưởng",
            "Văn hóa thông tin",
            "Người có công",
            "Bảo trợ xã hội",
            "Y tế",
            "Căn cước",
            "Căn cước và cư trú");

    private final ClipLibrary library = ClipLibrary.bundled();

    /** Every clip the builder can name with the default wording, any common address form, dialect and field. */
    private static Set<String> nameableClips() {
        Set<String> clips = new LinkedHashSet<>();
        clips.add(ClipNames.CHIME);
        clips.add(ClipNames.PAUSE);
        Arrays.stream(NumberSyllable.values()).map(NumberSyllable::clip).forEach(clips::add);
        PrefixLetters.supported().stream().map(PrefixLetters::clip).forEach(clips::add);
        for (String addressForm : AnnouncementOptions.COMMON_ADDRESS_FORMS) {
            for (Dialect dialect : Dialect.values()) {
                AnnouncementOptions options = AnnouncementOptions.defaults()
                        .withAddressForm(addressForm)
                        .withDialect(dialect)
                        .withIncludeService(true);
                for (String field : EXAMPLE_FIELDS) {
                    clips.addAll(new AnnouncementBuilder(options)
                            .build("A1", 1, field)
                            .clips());
                }
            }
        }
        return clips;
    }

    @Test
    void everyClipTheBuilderCanNameIsBundledAsWavInTheCommonFormat() throws Exception {
        List<String> problems = new ArrayList<>();
        for (String clip : nameableClips()) {
            try {
                ClipLibrary.Pcm pcm = library.read(clip);
                if (pcm.duration().compareTo(Duration.ofMillis(100)) < 0
                        || pcm.duration().compareTo(Duration.ofSeconds(4)) > 0) {
                    problems.add(clip + " lasts " + pcm.duration());
                }
            } catch (ClipLibrary.ClipException e) {
                problems.add(e.getMessage());
            }
        }
        assertThat(problems).isEmpty();
        assertThat(nameableClips()).hasSizeGreaterThanOrEqualTo(20 + 27 + 3 + 2 + 2 + 13);
    }

    @Test
    void aConcatenatedAnnouncementKeepsTheFormatAndLastsTheSumOfItsClips() throws Exception {
        Announcement announcement = new AnnouncementBuilder(AnnouncementOptions.defaults()).build("A1023", 5, null);
        Duration sum = Duration.ZERO;
        for (String clip : announcement.clips()) {
            sum = sum.plus(library.read(clip).duration());
        }

        byte[] wav = library.concatenate(announcement.clips());

        try (AudioInputStream audio = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
            assertThat(audio.getFormat().matches(ClipLibrary.FORMAT)).isTrue();
            Duration duration = Duration.ofMillis(Math.round(
                    audio.getFrameLength() * 1000.0 / audio.getFormat().getFrameRate()));
            assertThat(duration).isCloseTo(sum, Duration.ofMillis(2));
            // Chime, then the sentence twice: long enough to be whole, short enough not to hold up the next call.
            assertThat(duration).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(16));
        }
    }

    @Test
    void unknownOrUnsafeClipNamesAreRefused() {
        assertThat(library.contains("num-nam")).isTrue();
        assertThat(library.contains("../web/index")).isFalse();
        assertThatThrownBy(() -> library.read("phrase-moi-ong-ba-so")).hasMessageContaining("no clip named");
        assertThatThrownBy(() -> library.concatenate(List.of("chime", "../x"))).hasMessageContaining("not a clip name");
    }
}
