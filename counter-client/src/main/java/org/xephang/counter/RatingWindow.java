package org.xephang.counter;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.agent.PageFailures;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.api.Ticket;

/**
 * The rating window of each desk: after Hoàn thành the desk's keypad invites a rating of that ticket for a while; one
 * press within the window rates it (once, whatever the keypad sends next); a press with nothing to rate is ignored
 * and logged. Used on the agent's context only.
 */
final class RatingWindow {

    private static final Logger LOG = LoggerFactory.getLogger(RatingWindow.class);

    private final Vertx vertx;
    private final Clock clock;
    private final Duration window;
    private final DeskChannel pages;
    private final DeskViews views;
    private final PageFailures failures;

    RatingWindow(Vertx vertx, Clock clock, Duration window, DeskChannel pages, DeskViews views, PageFailures failures) {
        this.vertx = vertx;
        this.clock = clock;
        this.window = window;
        this.pages = pages;
        this.views = views;
        this.failures = failures;
    }

    /** The ticket was completed at the desk: its keypad (if it has one) invites a rating for the window's length. */
    void open(Desk desk, Ticket ticket) {
        if (desk.keypad == null) {
            return;
        }
        desk.awaitingRating = ticket;
        desk.ratingUntil = clock.instant().plus(window);
        cancelTimer(desk);
        desk.keypad.awaitRating(ticket.id());
        desk.ratingTimer = vertx.setTimer(window.toMillis(), t -> {
            desk.ratingTimer = -1;
            if (desk.awaitingRating == ticket) {
                LOG.info("counter {}: no rating for {} within {}", desk.number, ticket.number(), window);
                close(desk);
                views.deskChanged(desk);
            }
        });
    }

    private void close(Desk desk) {
        desk.awaitingRating = null;
        desk.ratingUntil = null;
        if (desk.keypad != null) {
            desk.keypad.cancelRating();
        }
    }

    /** A keypad press: the rating of the ticket just completed here, or ignored (and logged) when none awaits. */
    void pressed(Desk desk, DeskKeypad.Press press) {
        Ticket ticket = desk.awaitingRating;
        if (ticket == null
                || !ticket.id().equals(press.ticketId())
                || desk.ratingUntil == null
                || clock.instant().isAfter(desk.ratingUntil)) {
            LOG.info(
                    "counter {}: keypad press {} of {} ignored: no ticket awaits a rating",
                    desk.number,
                    press.level(),
                    press.scale());
            return;
        }
        OfficerSession officer = desk.officer != null ? desk.officer : desk.lastOfficer;
        desk.awaitingRating = null; // one rating per ticket, whatever the keypad sends next
        desk.ratingUntil = null;
        cancelTimer(desk);
        views.deskChanged(desk);
        officer.rate(ticket.id(), press.level(), press.scale(), desk.keypad.deviceId())
                .onComplete(done -> {
                    if (done.succeeded()) {
                        LOG.info(
                                "counter {}: ticket {} rated {} of {}",
                                desk.number,
                                ticket.number(),
                                press.level(),
                                press.scale());
                        pages.publish(
                                desk.number,
                                "rated",
                                new JsonObject()
                                        .put("number", ticket.number())
                                        .put("level", press.level())
                                        .put("scale", press.scale()));
                    } else if (done.cause() instanceof QueueError || PageFailures.isLostConnection(done.cause())) {
                        LOG.warn(
                                "counter {}: rating of {} not recorded: {}",
                                desk.number,
                                ticket.number(),
                                done.cause().toString());
                        pages.publish(desk.number, "problem", failures.problem(done.cause()));
                    } else {
                        LOG.error("counter {}: rating of {} not recorded", desk.number, ticket.number(), done.cause());
                        pages.publish(desk.number, "problem", failures.problem(done.cause()));
                    }
                });
    }

    /**
     * A key of the desk's USB HID keypad, read by the page: handed to that keypad, whose ratings take the same path
     * as every keypad's ({@link #pressed}). Answers whether the key became a rating.
     */
    Future<JsonObject> keypadKey(Desk desk, String key) {
        if (!(desk.keypad instanceof HidKeypadDesk hid)) {
            return Future.failedFuture(new QueueError(
                    ErrorCode.NOT_FOUND,
                    "Quầy " + desk.number + " không dùng bàn phím đánh giá cắm vào máy tính",
                    "Counter " + desk.number + " does not use a rating keypad plugged into the computer"));
        }
        if (key == null || key.isEmpty()) {
            return Future.failedFuture(
                    new QueueError(ErrorCode.INVALID_REQUEST, "Thiếu phím đã bấm", "The pressed key is missing"));
        }
        return Future.succeededFuture(new JsonObject().put("rating", hid.keyPressed(key)));
    }

    /** The keys of the desk's HID keypad for the page, or null when it has none. */
    static JsonArray hidKeys(Desk desk) {
        return desk.keypad instanceof HidKeypadDesk hid ? new JsonArray(hid.keys()) : null;
    }

    private void cancelTimer(Desk desk) {
        if (desk.ratingTimer >= 0) {
            vertx.cancelTimer(desk.ratingTimer);
            desk.ratingTimer = -1;
        }
    }

    /** Stops every desk's window timer (the agent stops). */
    void closeAll(Iterable<Desk> desks) {
        desks.forEach(this::cancelTimer);
    }
}
