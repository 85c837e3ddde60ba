package org.xephang.counter;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.CounterState;
import org.xephang.api.QueueSnapshot.CounterView;
import org.xephang.device.DeviceException;

/**
 * Keeps each counter's LED showing the number being served there (blank when paused, closed or idle). Writes run on a
 * one-thread worker so they never block the event loop and never overlap; a wish that changes during a write is
 * written next; a failed write is tried again after a few seconds. Called on the agent's context.
 */
final class DeskLedMirror implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeskLedMirror.class);
    private static final Duration RETRY = Duration.ofSeconds(5);

    private final Context context;
    private final Vertx vertx;
    private final WorkerExecutor writer;
    private boolean closed;

    /** @param context the agent's context, where the desks' state lives */
    DeskLedMirror(Context context) {
        this.context = context;
        this.vertx = context.owner();
        this.writer = vertx.createSharedWorkerExecutor("xephang-counter-led", 1);
    }

    /** What the LED should show: the number at the counter while it is open, blank otherwise. */
    static String ledText(CounterView view) {
        if (view == null || view.state() != CounterState.OPEN || view.ticket() == null) {
            return "";
        }
        return view.ticket().state().isAtCounter() ? view.ticket().number() : "";
    }

    /** Brings the desk's LED in line with its view. */
    void update(Desk desk) {
        if (desk.led == null) {
            return;
        }
        desk.ledWanted = ledText(desk.view);
        write(desk);
    }

    private void write(Desk desk) {
        String wanted = desk.ledWanted;
        if (desk.ledBusy || wanted == null || wanted.equals(desk.ledShown) || closed) {
            return;
        }
        desk.ledBusy = true;
        writer.<Void>executeBlocking(() -> {
                    if (wanted.isEmpty()) {
                        desk.led.blank();
                    } else {
                        desk.led.show(wanted);
                    }
                    return null;
                })
                .onComplete(done -> context.runOnContext(v -> {
                    desk.ledBusy = false;
                    if (done.succeeded()) {
                        desk.ledShown = wanted;
                        write(desk); // the wish may have changed meanwhile
                        return;
                    }
                    Throwable cause = done.cause();
                    LOG.warn(
                            "counter {}: LED not updated to '{}': {}",
                            desk.number,
                            wanted,
                            cause instanceof DeviceException ? cause.getMessage() : cause.toString());
                    desk.ledShown = null;
                    vertx.setTimer(RETRY.toMillis(), t -> write(desk));
                }));
    }

    @Override
    public void close() {
        closed = true;
        writer.close();
    }
}
