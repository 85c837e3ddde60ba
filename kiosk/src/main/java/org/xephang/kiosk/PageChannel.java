package org.xephang.kiosk;

import io.vertx.core.json.JsonObject;

/** Pushes named events to the kiosk pages that are open (server-sent events). Called on the agent's context. */
@FunctionalInterface
interface PageChannel {
    void publish(String event, JsonObject data);
}
