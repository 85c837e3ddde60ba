package org.xephang.api;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refused request, with its code and a plain Vietnamese message. The domain throws it; the HTTP failure handler
 * turns it into {@code {"error","message"}}; the client turns such an answer back into this exception.
 */
public class QueueError extends RuntimeException {

    private final ErrorCode code;
    private final transient JsonObject details;

    public QueueError(ErrorCode code, String message) {
        this(code, message, null);
    }

    /** {@code details} are extra fields for the wire form (for example {@code nextOpening}); may be null. */
    public QueueError(ErrorCode code, String message, JsonObject details) {
        super(message);
        this.code = code;
        this.details = details;
    }

    /**
     * A refusal with extra wire fields given as plain values (strings, numbers, booleans), for code that keeps clear of
     * Vert.x types (the domain).
     */
    public static QueueError withDetails(ErrorCode code, String message, Map<String, ?> details) {
        return new QueueError(
                code, message, details.isEmpty() ? null : new JsonObject(new LinkedHashMap<String, Object>(details)));
    }

    public ErrorCode code() {
        return code;
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("error", code.name()).put("message", getMessage());
        if (details != null) {
            details.forEach(e -> json.put(e.getKey(), e.getValue()));
        }
        return json;
    }

    /** Reads an error answer; an unknown code becomes INTERNAL so the caller still sees the message. */
    public static QueueError fromJson(JsonObject json) {
        ErrorCode code;
        try {
            code = ErrorCode.valueOf(json.getString("error", "INTERNAL"));
        } catch (IllegalArgumentException unknown) {
            code = ErrorCode.INTERNAL;
        }
        JsonObject details = json.copy();
        details.remove("error");
        details.remove("message");
        return new QueueError(code, json.getString("message", code.name()), details.isEmpty() ? null : details);
    }
}
