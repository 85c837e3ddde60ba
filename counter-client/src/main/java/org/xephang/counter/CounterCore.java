package org.xephang.counter;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;
import org.xephang.api.QueueEvent;
import org.xephang.api.QueueSnapshot;

/**
 * What the counter agent needs from the queue server that is not tied to one officer. {@link QueueClientCore} is the
 * real one; tests use a fake. Futures complete on the caller's Vert.x context.
 */
interface CounterCore extends AutoCloseable {

    /** The public description of the site ({@code SiteInfo} as JSON). */
    Future<JsonObject> siteInfo();

    /** Signs an officer in; fails with a {@link org.xephang.api.QueueError} (UNAUTHENTICATED) for a wrong password. */
    Future<OfficerSession> login(String username, String password);

    /** The site's queue now. */
    Future<QueueSnapshot> snapshot();

    /** Follows the site: snapshots (first and after every resynchronisation), events, connection up/down. */
    void follow(Consumer<QueueSnapshot> onSnapshot, Consumer<QueueEvent> onEvent, Consumer<Boolean> onConnection);

    @Override
    void close();
}
