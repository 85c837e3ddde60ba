package org.xephang.counter;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.api.QueueSnapshot.CounterView;

/**
 * The officers signed in at the counter agent's desks and their pages' sessions: signing in (replacing whoever was
 * at that counter), signing out, and finding the counter a page session belongs to. A page session is a random token
 * known only to that page. Used on the agent's context only.
 */
final class OfficerSessions {

    private static final Logger LOG = LoggerFactory.getLogger(OfficerSessions.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<Integer, Desk> desks;
    private final CounterCore core;
    private final DeskChannel pages;
    private final DeskViews views;
    private final Map<String, Integer> sessions = new HashMap<>();

    OfficerSessions(Map<Integer, Desk> desks, CounterCore core, DeskChannel pages, DeskViews views) {
        this.desks = desks;
        this.core = core;
        this.pages = pages;
        this.views = views;
    }

    /** Signs the officer in at {@code counter}; answers the page's session token and the counter's view. */
    Future<JsonObject> signIn(String username, String password, int counter) {
        Desk desk = desks.get(counter);
        if (desk == null) {
            return Future.failedFuture(new QueueError(
                    ErrorCode.UNKNOWN_COUNTER,
                    "Máy này không phục vụ quầy " + counter + ". Các quầy của máy: "
                            + desks.keySet().stream().map(String::valueOf).collect(Collectors.joining(", "))
                            + ".",
                    "This machine does not serve counter " + counter + ". Its counters: "
                            + desks.keySet().stream().map(String::valueOf).collect(Collectors.joining(", ")) + "."));
        }
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            return Future.failedFuture(new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Vui lòng nhập tên đăng nhập và mật khẩu",
                    "Please enter the username and password"));
        }
        return core.login(username.trim(), password)
                .compose(officer -> officer.signIn(counter)
                        .onFailure(refused -> officer.close()) // not signed in here: its fresh token goes unused
                        .map(view -> seated(desk, officer, view)));
    }

    /** The officer is signed in at the desk's counter: replaces whoever was there; answers the page's session. */
    private JsonObject seated(Desk desk, OfficerSession officer, CounterView view) {
        int counter = desk.number;
        if (desk.pageSession != null) {
            sessions.remove(desk.pageSession);
            pages.publish(counter, "signed-out", new JsonObject().put("reason", "replaced"));
        }
        String token = newToken();
        OfficerSession previous = desk.lastOfficer;
        if (previous != null && previous != desk.officer) {
            previous.close(); // signed out earlier; its last ticket's rating window is over now
        }
        if (desk.officer != null) {
            desk.officer.close();
        }
        desk.officer = officer;
        desk.lastOfficer = officer;
        desk.pageSession = token;
        sessions.put(token, counter);
        desk.view = view;
        LOG.info("counter {}: {} signed in", counter, officer.username());
        views.deskChanged(desk);
        return new JsonObject().put("session", token).put("desk", views.deskView(desk));
    }

    /** The counter a page session belongs to, or a failure asking the officer to sign in again. */
    Future<Integer> counterOf(String token) {
        Integer counter = token == null ? null : sessions.get(token);
        return counter == null
                ? Future.failedFuture(new QueueError(
                        ErrorCode.UNAUTHENTICATED,
                        "Phiên làm việc đã hết. Vui lòng đăng nhập lại.",
                        "The session has ended. Please sign in again."))
                : Future.succeededFuture(counter);
    }

    /** The desk of a page session, or a failure asking the officer to sign in again. */
    Future<Desk> deskOf(String token) {
        return counterOf(token).map(desks::get);
    }

    /** Signs the session's officer out; the page is told it is signed out even if the server could not be told. */
    Future<JsonObject> signOut(String token) {
        return deskOf(token).compose(desk -> {
            OfficerSession officer = desk.officer;
            desk.officer = null;
            desk.pageSession = null;
            sessions.remove(token);
            return officer.signOut(desk.number)
                    .map(view -> {
                        desk.view = view;
                        views.deskChanged(desk);
                        return new JsonObject().put("signedOut", true);
                    })
                    .recover(failure -> {
                        LOG.warn("counter {}: sign-out at the server failed: {}", desk.number, failure.toString());
                        views.deskChanged(desk);
                        return Future.succeededFuture(new JsonObject().put("signedOut", true));
                    });
        });
    }

    /** The counter of a page session, or null. */
    Integer counterOrNull(String token) {
        return token == null ? null : sessions.get(token);
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
