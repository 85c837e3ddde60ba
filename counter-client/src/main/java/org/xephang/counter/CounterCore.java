package org.xephang.counter;

import io.vertx.core.Future;
import org.xephang.agent.ServerLink;

/**
 * What the counter agent needs from the queue server that is not tied to one officer: the site to follow
 * ({@link ServerLink.Source}) and officers' sign-in. {@link QueueClientCore} is the
 * real one; tests use a fake. Futures complete on the caller's Vert.x context.
 */
interface CounterCore extends ServerLink.Source, AutoCloseable {

    /** Signs an officer in; fails with a {@link org.xephang.api.QueueError} (UNAUTHENTICATED) for a wrong password. */
    Future<OfficerSession> login(String username, String password);

    @Override
    void close();
}
