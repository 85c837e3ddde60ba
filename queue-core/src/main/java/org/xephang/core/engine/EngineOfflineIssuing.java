package org.xephang.core.engine;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.xephang.core.OfflineIssuing;

/** The engine's {@link OfflineIssuing}: each call is one command on the writer, on the site's {@link OfflineCommands}. */
final class EngineOfflineIssuing implements OfflineIssuing {

    private final EngineWriter engine;

    EngineOfflineIssuing(EngineWriter engine) {
        this.engine = engine;
    }

    @Override
    public CompletionStage<Lease> lease(String site, String service, String kiosk) {
        return engine.onSite(site, (queue, writes, now) -> queue.offline().lease(writes, service, kiosk, now));
    }

    @Override
    public CompletionStage<List<Outcome>> upload(String site, List<OfflineTicket> tickets, String kiosk) {
        return engine.onSite(site, (queue, writes, now) -> queue.offline().upload(writes, tickets, kiosk, now));
    }
}
