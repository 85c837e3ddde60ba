package org.xephang.counter;

import io.vertx.core.json.JsonObject;

/** What the parts of the counter agent tell its pages about a desk. Called on the agent's context. */
interface DeskViews {

    /** The desk changed: its LED follows and its pages get the new view. */
    void deskChanged(Desk desk);

    /** Everything the counter page shows of the desk. */
    JsonObject deskView(Desk desk);
}
