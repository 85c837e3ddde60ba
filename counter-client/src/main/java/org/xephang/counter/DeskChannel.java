package org.xephang.counter;

import io.vertx.core.json.JsonObject;

/** Pushes named events to the pages open at one counter (server-sent events). Called on the agent's context. */
interface DeskChannel {
    void publish(int counter, String event, JsonObject data);
}
