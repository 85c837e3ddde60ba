package org.xephang.bench.crash;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xephang.api.TicketState;

/**
 * Reads the event table (stream + outbox, written in the same transaction as each change) of the stopped server's
 * database and checks it against the ledger: per site the seqs run 1, 2, 3… without a gap; every acknowledged ticket
 * has its {@code ticket.issued} event and one event for each acknowledged step (called, started, completed), in
 * order; no ticket has two {@code ticket.called} events.
 */
public final class OutboxAudit {

    private static final int EXAMPLES = 20;

    public record Result(boolean checked, long events, List<String> problems) {
        public boolean clean() {
            return problems.isEmpty();
        }

        public String line() {
            return checked
                    ? "events=" + events + " outbox_problems=" + problems.size()
                            + (problems.isEmpty() ? "" : " e.g. " + problems.get(0))
                    : "outbox not checked: " + problems.get(0);
        }

        public JsonObject toJson() {
            return new JsonObject()
                    .put("checked", checked)
                    .put("events", events)
                    .put("problems", problems.size())
                    .put(
                            "examples",
                            new JsonArray(new ArrayList<>(problems.subList(0, Math.min(EXAMPLES, problems.size())))));
        }
    }

    private OutboxAudit() {}

    /** Checks the SQLite store of {@code dataDir}. */
    static Result check(Path dataDir, CrashLedger ledger) throws SQLException {
        Path db = dataDir.resolve("xephang.db");
        if (!Files.exists(db)) {
            return new Result(false, 0, List.of("no database at " + db));
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath())) {
            return check(connection, ledger);
        }
    }

    /** Checks the store behind {@code connection} (SQLite or PostgreSQL: the same tables). */
    public static Result check(Connection connection, CrashLedger ledger) throws SQLException {
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, Long>> seqByTicketAndType = new HashMap<>();
        long events = 0;
        try (Statement statement = connection.createStatement()) {
            try (ResultSet sites =
                    statement.executeQuery("SELECT site, COUNT(*), MIN(seq), MAX(seq) FROM event GROUP BY site")) {
                while (sites.next()) {
                    long count = sites.getLong(2);
                    events += count;
                    if (sites.getLong(3) != 1 || sites.getLong(4) != count) {
                        problems.add("site " + sites.getString(1) + ": " + count + " events but seq runs "
                                + sites.getLong(3) + ".." + sites.getLong(4));
                    }
                }
            }
            try (ResultSet rows = statement.executeQuery(
                    "SELECT ticket_id, type, seq FROM event WHERE ticket_id IS NOT NULL ORDER BY site, seq")) {
                while (rows.next()) {
                    String ticket = rows.getString(1);
                    String type = rows.getString(2);
                    Long earlier = seqByTicketAndType
                            .computeIfAbsent(ticket, t -> new HashMap<>())
                            .putIfAbsent(type, rows.getLong(3));
                    if (earlier != null && type.equals("ticket.called")) {
                        problems.add("ticket " + ticket + " has two ticket.called events (seq " + earlier + " and "
                                + rows.getLong(3) + ")");
                    }
                }
            }
        }
        for (CrashLedger.Known known : ledger.tickets()) {
            Map<String, Long> types = seqByTicketAndType.getOrDefault(known.id, Map.of());
            List<String> needed = new ArrayList<>(List.of("ticket.issued"));
            if (known.state == TicketState.CALLED
                    || known.state == TicketState.SERVING
                    || known.state == TicketState.DONE) {
                needed.add("ticket.called");
            }
            if (known.state == TicketState.SERVING || known.state == TicketState.DONE) {
                needed.add("ticket.started");
            }
            if (known.state == TicketState.DONE) {
                needed.add("ticket.completed");
            }
            long previous = 0;
            for (String type : needed) {
                Long seq = types.get(type);
                if (seq == null) {
                    problems.add(known.site + "/" + known.number + " acknowledged " + known.state + " has no " + type
                            + " event");
                    break;
                }
                if (seq < previous) {
                    problems.add(known.site + "/" + known.number + ": " + type + " (seq " + seq + ") before the "
                            + "previous step (seq " + previous + ")");
                }
                previous = seq;
            }
        }
        return new Result(true, events, problems);
    }
}
