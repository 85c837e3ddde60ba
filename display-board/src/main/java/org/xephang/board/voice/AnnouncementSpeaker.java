package org.xephang.board.voice;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.announce.Announcement;

/**
 * Says announcements on this machine's speakers, for a board agent wired to a PA system without a browser: one at a
 * time, in the order they were queued, a recall again like any call. Clips missing from the {@link ClipLibrary} are
 * skipped; a sound card that fails is logged and the next announcement is tried. Thread-safe: {@link #say} never
 * blocks; one daemon thread plays.
 */
public final class AnnouncementSpeaker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AnnouncementSpeaker.class);
    private static final int MAX_PENDING = 50;

    /** Where the samples go: the sound card, or a fake in tests. Blocking until played. */
    @FunctionalInterface
    public interface AudioOutput {
        void play(byte[] samples, AudioFormat format) throws LineUnavailableException;
    }

    private final ClipLibrary clips;
    private final AudioOutput output;
    private final BlockingQueue<Announcement> pending = new LinkedBlockingQueue<>();
    private final Thread player;
    private volatile boolean closed;

    public AnnouncementSpeaker(ClipLibrary clips, AudioOutput output) {
        this.clips = clips;
        this.output = output;
        this.player = new Thread(this::run, "xephang-speaker");
        player.setDaemon(true);
        player.start();
    }

    /** A speaker on the default sound card. */
    public static AnnouncementSpeaker onDefaultSoundCard() {
        return new AnnouncementSpeaker(ClipLibrary.bundled(), AnnouncementSpeaker::playOnSoundCard);
    }

    /** Queues an announcement; the oldest is dropped (and logged) if 50 are already waiting. */
    public void say(Announcement announcement) {
        if (closed || announcement.clips().isEmpty()) {
            return;
        }
        pending.add(announcement);
        while (pending.size() > MAX_PENDING) {
            Announcement dropped = pending.poll();
            if (dropped != null) {
                LOG.warn("Speaker: too many announcements waiting, dropped: {}", dropped.text());
            }
        }
    }

    private void run() {
        while (!closed) {
            Announcement next;
            try {
                next = pending.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (next != null) {
                speak(next);
            }
        }
    }

    private void speak(Announcement announcement) {
        List<String> available = new ArrayList<>();
        for (String clip : announcement.clips()) {
            if (clips.contains(clip)) {
                available.add(clip);
            } else {
                LOG.warn("Speaker: no clip {}, skipped in \"{}\"", clip, announcement.text());
            }
        }
        try {
            byte[] wav = clips.concatenate(available);
            try (AudioInputStream audio = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
                output.play(audio.readAllBytes(), audio.getFormat());
            }
        } catch (LineUnavailableException | IllegalArgumentException e) {
            LOG.warn("Speaker: cannot play \"{}\": {}", announcement.text(), e.getMessage());
        } catch (Exception e) {
            LOG.error("Speaker: failed on \"{}\"", announcement.text(), e);
        }
    }

    private static void playOnSoundCard(byte[] samples, AudioFormat format) throws LineUnavailableException {
        try (SourceDataLine line = AudioSystem.getSourceDataLine(format)) {
            line.open(format);
            line.start();
            line.write(samples, 0, samples.length);
            line.drain();
        }
    }

    @Override
    public void close() {
        closed = true;
        player.interrupt();
    }
}
