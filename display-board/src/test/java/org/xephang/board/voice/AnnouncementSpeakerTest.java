package org.xephang.board.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sound.sampled.LineUnavailableException;
import org.junit.jupiter.api.Test;
import org.xephang.api.announce.Announcement;
import org.xephang.testkit.Poll;

class AnnouncementSpeakerTest {

    private final List<Integer> heardBytes = new CopyOnWriteArrayList<>();
    private final AtomicInteger playing = new AtomicInteger();
    private final AtomicInteger overlaps = new AtomicInteger();

    /** A sound card that takes 5 ms per announcement and notes how many bytes it was given. */
    private final AnnouncementSpeaker.AudioOutput fakeCard = (samples, format) -> {
        if (playing.incrementAndGet() > 1) {
            overlaps.incrementAndGet();
        }
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        heardBytes.add(samples.length);
        playing.decrementAndGet();
    };

    private static int bytesOf(String... clips) throws Exception {
        int total = 0;
        for (String clip : clips) {
            total += ClipLibrary.bundled().read(clip).samples().length;
        }
        return total;
    }

    @Test
    void announcementsArePlayedOneAtATimeInOrderAndARecallAgain() throws Exception {
        try (AnnouncementSpeaker speaker = new AnnouncementSpeaker(ClipLibrary.bundled(), fakeCard)) {
            List<String> digits = List.of("num-mot-nang", "num-hai", "num-ba", "num-bon", "num-nam");
            for (int i = 0; i < 20; i++) {
                speaker.say(new Announcement("call " + i, List.of("chime", digits.get(i % 5))));
            }
            speaker.say(new Announcement("recall of 19", List.of("chime", digits.get(19 % 5))));

            Poll.until(Duration.ofSeconds(10), "21 announcements", () -> heardBytes.size() == 21);
        }

        assertThat(overlaps).hasValue(0);
        for (int i = 0; i < 20; i++) {
            assertThat(heardBytes.get(i))
                    .as("announcement %d", i)
                    .isEqualTo(bytesOf(
                            "chime",
                            List.of("num-mot-nang", "num-hai", "num-ba", "num-bon", "num-nam")
                                    .get(i % 5)));
        }
        assertThat(heardBytes.get(20)).isEqualTo(heardBytes.get(19));
    }

    @Test
    void aMissingClipIsSkippedAndTheRestIsSaid() throws Exception {
        try (AnnouncementSpeaker speaker = new AnnouncementSpeaker(ClipLibrary.bundled(), fakeCard)) {
            speaker.say(new Announcement("custom", List.of("phrase-moi-ong-ba-so", "num-nam")));

            Poll.until("said", () -> heardBytes.size() == 1);
        }

        assertThat(heardBytes).containsExactly(bytesOf("num-nam"));
    }

    @Test
    void aFailingSoundCardDoesNotStopTheNextAnnouncement() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        AnnouncementSpeaker.AudioOutput flaky = (samples, format) -> {
            if (attempts.incrementAndGet() == 1) {
                throw new LineUnavailableException("no sound card");
            }
            heardBytes.add(samples.length);
        };
        try (AnnouncementSpeaker speaker = new AnnouncementSpeaker(ClipLibrary.bundled(), flaky)) {
            speaker.say(new Announcement("first", List.of("num-ba")));
            speaker.say(new Announcement("second", List.of("num-bon")));

            Poll.until("the second is said", () -> heardBytes.size() == 1);
        }

        assertThat(heardBytes).containsExactly(bytesOf("num-bon"));
    }
}
