package org.xephang.board.voice;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * The bundled announcement clips ({@code org/xephang/board/clips/<name>.wav}, made by
 * {@code display-board/tools/make-clips.sh}), all in one {@link #FORMAT}, and their concatenation into one WAV (for
 * players that cannot queue clips themselves, and to check that an announcement is whole). Blocking (reads
 * resources): call from a worker. Thread-safe.
 */
public final class ClipLibrary {

    /** The common format of every clip: 16 kHz, 16-bit signed little-endian PCM, mono. */
    public static final AudioFormat FORMAT = new AudioFormat(16_000f, 16, 1, true, false);

    private static final String ROOT = "org/xephang/board/clips/";

    private final ClassLoader loader;

    private ClipLibrary(ClassLoader loader) {
        this.loader = loader;
    }

    /** The clips bundled in this module. */
    public static ClipLibrary bundled() {
        return new ClipLibrary(ClipLibrary.class.getClassLoader());
    }

    /** Whether a clip of that name is bundled. */
    public boolean contains(String name) {
        return isSafeName(name) && loader.getResource(ROOT + name + ".wav") != null;
    }

    /**
     * Reads one clip as PCM samples in {@link #FORMAT}.
     *
     * @throws ClipException if the clip is missing, unreadable, or in another format
     */
    public Pcm read(String name) throws ClipException {
        if (!isSafeName(name)) {
            throw new ClipException("not a clip name: " + name);
        }
        try (InputStream resource = loader.getResourceAsStream(ROOT + name + ".wav")) {
            if (resource == null) {
                throw new ClipException("no clip named " + name);
            }
            try (AudioInputStream audio = AudioSystem.getAudioInputStream(new BufferedInputStream(resource))) {
                if (!audio.getFormat().matches(FORMAT)) {
                    throw new ClipException("clip " + name + " is " + audio.getFormat() + ", expected " + FORMAT);
                }
                return new Pcm(audio.readAllBytes());
            }
        } catch (IOException | UnsupportedAudioFileException e) {
            throw new ClipException("clip " + name + " is not a readable WAV file: " + e.getMessage(), e);
        }
    }

    /**
     * Concatenates clips, in order, into one WAV file in {@link #FORMAT}.
     *
     * @throws ClipException if any clip is missing or in another format
     */
    public byte[] concatenate(List<String> names) throws ClipException {
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        for (String name : names) {
            pcm.writeBytes(read(name).samples());
        }
        byte[] samples = pcm.toByteArray();
        long frames = samples.length / FORMAT.getFrameSize();
        ByteArrayOutputStream wav = new ByteArrayOutputStream(samples.length + 64);
        try (AudioInputStream stream = new AudioInputStream(new ByteArrayInputStream(samples), FORMAT, frames)) {
            AudioSystem.write(stream, AudioFileFormat.Type.WAVE, wav);
        } catch (IOException e) {
            throw new ClipException("cannot write the concatenated WAV: " + e.getMessage(), e);
        }
        return wav.toByteArray();
    }

    private static boolean isSafeName(String name) {
        return name != null && name.matches("[a-z0-9]+(-[a-z0-9]+)*");
    }

    /** Raw samples of a clip in {@link #FORMAT}. */
    public record Pcm(byte[] samples) {
        public Duration duration() {
            long frames = samples.length / FORMAT.getFrameSize();
            return Duration.ofNanos(Math.round(frames * 1e9 / FORMAT.getFrameRate()));
        }
    }

    /** A clip is missing, unreadable or in the wrong format. */
    public static final class ClipException extends Exception {
        public ClipException(String message) {
            super(message);
        }

        public ClipException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
