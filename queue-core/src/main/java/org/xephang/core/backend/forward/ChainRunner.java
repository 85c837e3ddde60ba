package org.xephang.core.backend.forward;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.core.persistence.Outbox.Entry;

/** Runs chains, at most {@code parallelChains} at a time, on the forwarder's event loop. */
final class ChainRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ChainRunner.class);

    private final List<List<Entry>> chains;
    private final int parallel;
    private final Function<List<Entry>, Future<Integer>> runChain;
    private final Promise<Integer> done = Promise.promise();
    private int next;
    private int running;
    private int sent;

    /** @param runChain delivers one chain; completes with the number of its events sent */
    ChainRunner(List<List<Entry>> chains, int parallel, Function<List<Entry>, Future<Integer>> runChain) {
        this.chains = chains;
        this.parallel = parallel;
        this.runChain = runChain;
    }

    /** Completes with the number of events sent once every chain has stopped. */
    Future<Integer> run() {
        launch();
        return done.future();
    }

    private void launch() {
        while (running < parallel && next < chains.size()) {
            List<Entry> chain = chains.get(next++);
            running++;
            runChain.apply(chain).onComplete(this::finished);
        }
    }

    private void finished(AsyncResult<Integer> result) {
        running--;
        if (result.succeeded()) {
            sent += result.result();
        } else {
            LOG.error("outbox forwarder: recording a delivery failed; the event stays pending", result.cause());
        }
        if (next == chains.size() && running == 0) {
            done.tryComplete(sent);
        } else {
            launch();
        }
    }
}
