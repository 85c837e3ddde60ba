package org.xephang.kiosk;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk's own durable record of offline issuing (docs/adr/0029-offline-issuing.md): an append-only file of JSON
 * lines (the blocks it holds, each ticket it issued offline, each ticket's upload), every line forced to disk before
 * {@link #append} returns, so a ticket is on disk before it is printed and survives a crash or a power cut of the
 * kiosk. A line torn by a crash mid-write is the last one and is skipped when read.
 *
 * <p>Blocking: call from a worker (the kiosk uses one ordered worker for it). Not thread-safe.
 */
final class OfflineJournal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OfflineJournal.class);

    private final Path file;
    private FileChannel channel;

    OfflineJournal(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** Every complete entry, oldest first (an unreadable line is skipped and logged). Opens the file for appends. */
    List<JsonObject> readAll() throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        List<JsonObject> entries = new ArrayList<>();
        if (Files.exists(file)) {
            int lineNumber = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    entries.add(new JsonObject(line));
                } catch (DecodeException torn) {
                    LOG.warn(
                            "offline journal {}: line {} is not complete JSON (torn by a crash?); skipped",
                            file,
                            lineNumber);
                }
            }
        }
        channel =
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        if (Files.size(file) > 0 && !endsWithNewline()) {
            channel.write(ByteBuffer.wrap(new byte[] {'\n'})); // the torn line stays alone on its line
            channel.force(true);
        }
        return entries;
    }

    private boolean endsWithNewline() throws IOException {
        try (FileChannel read = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            read.read(last, read.size() - 1);
            return last.get(0) == '\n';
        }
    }

    /** Appends one entry and forces it to disk. */
    void append(JsonObject entry) throws IOException {
        if (channel == null) {
            throw new IOException("offline journal " + file + " is not open");
        }
        ByteBuffer bytes = ByteBuffer.wrap((entry.encode() + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        channel.force(true);
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.warn("offline journal {}: closing failed", file, e);
            }
            channel = null;
        }
    }
}
