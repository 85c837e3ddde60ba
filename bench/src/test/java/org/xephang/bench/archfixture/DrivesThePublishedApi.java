package org.xephang.bench.archfixture;

import org.xephang.core.EmbeddedQueue;
import org.xephang.core.QueueService;

/** A bench class as it may be: only the published engine API. */
final class DrivesThePublishedApi {

    private DrivesThePublishedApi() {}

    static String names() {
        return EmbeddedQueue.class.getName() + " " + QueueService.Subscription.class.getName();
    }
}
