package org.xephang.bench.crash;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.xephang.api.Ticket;
import org.xephang.bench.harness.ApiClient;

/** The end of {@code bench crash}: every ticket the ledger knows, read back from the last server, then audited. */
final class CrashReadBack {

    private CrashReadBack() {}

    /** Reads every ticket the ledger knows back from the server, 64 at a time, then audits. */
    static CrashAudit.Result audit(ApiClient api, CrashLedger ledger) throws Exception {
        Map<String, Optional<Ticket>> seen = new ConcurrentHashMap<>();
        List<String> ids = ledger.tickets().stream().map(k -> k.id).toList();
        Iterator<String> next = ids.iterator();
        CountDownLatch done = new CountDownLatch(Math.min(64, ids.size()));
        Object lock = new Object();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        for (int i = 0; i < Math.min(64, ids.size()); i++) {
            fetchNext(api, next, lock, seen, failures, done);
        }
        if (!done.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("reading back " + ids.size() + " tickets took over 5 minutes");
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("cannot read every ticket back", failures.get(0));
        }
        return CrashAudit.check(ledger, seen::get);
    }

    private static void fetchNext(
            ApiClient api,
            Iterator<String> ids,
            Object lock,
            Map<String, Optional<Ticket>> seen,
            List<Throwable> failures,
            CountDownLatch done) {
        String id;
        synchronized (lock) {
            id = ids.hasNext() ? ids.next() : null;
        }
        if (id == null) {
            done.countDown();
            return;
        }
        api.ticket(id).onComplete(result -> {
            if (result.succeeded()) {
                seen.put(id, Optional.of(Ticket.fromJson(result.result())));
            } else if (result.cause() instanceof ApiClient.ApiException e && e.status() == 404) {
                seen.put(id, Optional.empty());
            } else {
                failures.add(new IllegalStateException("cannot read ticket " + id + " back", result.cause()));
                done.countDown();
                return;
            }
            fetchNext(api, ids, lock, seen, failures, done);
        });
    }
}
