package org.xephang.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class OfflineJournalTest {

    @TempDir
    Path dir;

    @Test
    void entriesAppendedAreReadBackInOrderAfterAReopen() throws Exception {
        Path file = dir.resolve("kiosk").resolve("offline.jsonl");
        try (OfflineJournal journal = new OfflineJournal(file)) {
            assertThat(journal.readAll()).isEmpty();
            journal.append(new JsonObject().put("type", "ticket").put("number", "A981"));
            journal.append(new JsonObject().put("type", "uploaded").put("id", "x"));
        }

        try (OfflineJournal again = new OfflineJournal(file)) {
            assertThat(again.readAll()).extracting(e -> e.getString("type")).containsExactly("ticket", "uploaded");
        }
    }

    @Test
    void aLineTornByACrashIsSkippedAndTheNextEntryStartsOnALineOfItsOwn() throws Exception {
        Path file = dir.resolve("offline.jsonl");
        Files.writeString(file, "{\"type\":\"ticket\",\"number\":\"A981\"}\n{\"type\":\"tick", StandardCharsets.UTF_8);

        try (OfflineJournal journal = new OfflineJournal(file)) {
            assertThat(journal.readAll()).extracting(e -> e.getString("number")).containsExactly("A981");
            journal.append(new JsonObject().put("type", "ticket").put("number", "A982"));
        }

        try (OfflineJournal again = new OfflineJournal(file)) {
            assertThat(again.readAll()).extracting(e -> e.getString("number")).containsExactly("A981", "A982");
        }
        assertThat(Files.readAllLines(file)).hasSize(3);
    }
}
