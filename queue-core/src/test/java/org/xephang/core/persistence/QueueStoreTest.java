package org.xephang.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.core.ticket.TicketRecord;

class QueueStoreTest {

    static final Instant T0 = Instant.parse("2026-11-23T01:00:00Z");
    static final LocalDate DAY = LocalDate.of(2026, 11, 23);

    @TempDir
    Path dir;

    @Test
    void everyChangeOfATicketsLifeReadsBackAsWritten() throws Exception {
        try (SqliteStore sqlite = SqliteStore.open(dir);
                Connection connection = sqlite.connect()) {
            QueueStore store = new QueueStore(connection);
            TicketRecord issued =
                    TicketRecord.issued("t1", "demo", "A", DAY, 7, "A007", "elderly", "kiosk", 3, 3, T0, "key-1");
            store.insertTicket(issued);

            TicketRecord lived = issued.transfer("B", 4, -2)
                    .call(4, "officer4", T0.plusSeconds(60))
                    .recall()
                    .start(T0.plusSeconds(90))
                    .linkDossier("H21.65-261123-0001")
                    .complete(T0.plusSeconds(400))
                    .rate();
            store.updateTicket(lived);

            assertThat(store.loadTickets("demo", DAY)).containsExactly(lived);
        }
    }

    @Test
    void updatingATicketThatWasNeverStoredIsAnError() throws Exception {
        try (SqliteStore sqlite = SqliteStore.open(dir);
                Connection connection = sqlite.connect()) {
            QueueStore store = new QueueStore(connection);
            TicketRecord stranger =
                    TicketRecord.issued("t9", "demo", "A", DAY, 1, "A001", null, "kiosk", 1, 1, T0, null);

            assertThatThrownBy(() -> store.updateTicket(stranger))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("t9");
        }
    }
}
