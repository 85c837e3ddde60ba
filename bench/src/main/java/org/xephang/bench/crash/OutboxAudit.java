package org.xephang.bench.crash;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/** Checks the outbox in the server's database after the last stop: one event per acknowledged change, in order. */
final class OutboxAudit {

    record Result(boolean checked, String detail, int missing) {
        boolean clean() {
            return missing == 0;
        }

        String line() {
            return checked ? "outbox missing=" + missing + " (" + detail + ")" : "outbox not checked: " + detail;
        }

        JsonObject toJson() {
            return new JsonObject()
                    .put("checked", checked)
                    .put("missing", missing)
                    .put("detail", detail);
        }
    }

    private OutboxAudit() {}

    static Result check(Path dataDir, CrashLedger ledger) {
        return new Result(false, "the engine's outbox schema is not there yet", 0);
    }
}
