package org.xephang.api;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A refused request, with its code, a plain Vietnamese message and the same message in English (ADR 0043). The domain
 * throws it; the HTTP failure handler turns it into {@code {"error","message","messageEn"}}; the client turns such an
 * answer back into this exception. There is no constructor without the English text: every refusal says both.
 */
public class QueueError extends RuntimeException {

    private final ErrorCode code;
    private final String messageEn;
    private final transient JsonObject details;

    /** {@code message} in Vietnamese (the exception's message), {@code messageEn} the same in English. */
    public QueueError(ErrorCode code, String message, String messageEn) {
        this(code, message, messageEn, null);
    }

    /** {@code details} are extra fields for the wire form (for example {@code nextOpening}); may be null. */
    public QueueError(ErrorCode code, String message, String messageEn, JsonObject details) {
        super(message);
        this.code = code;
        this.messageEn = Objects.requireNonNull(messageEn, "messageEn");
        this.details = details;
    }

    /**
     * A refusal with extra wire fields given as plain values (strings, numbers, booleans), for code that keeps clear of
     * Vert.x types (the domain).
     */
    public static QueueError withDetails(ErrorCode code, String message, String messageEn, Map<String, ?> details) {
        return new QueueError(
                code,
                message,
                messageEn,
                details.isEmpty() ? null : new JsonObject(new LinkedHashMap<String, Object>(details)));
    }

    public ErrorCode code() {
        return code;
    }

    /** The Vietnamese message ({@link #getMessage()}). */
    public String message() {
        return getMessage();
    }

    /** The same message in English. */
    public String messageEn() {
        return messageEn;
    }

    /** The message in {@code language}: English for "en", Vietnamese for anything else. */
    public String message(String language) {
        return "en".equals(language) ? messageEn : getMessage();
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject()
                .put("error", code.name())
                .put("message", getMessage())
                .put("messageEn", messageEn);
        if (details != null) {
            details.forEach(e -> json.put(e.getKey(), e.getValue()));
        }
        return json;
    }

    /**
     * Reads an error answer; an unknown code becomes INTERNAL so the caller still sees the message. An answer without
     * {@code messageEn} (a server from before ADR 0043) gets the Vietnamese message as its English one.
     */
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
        details.remove("messageEn");
        String message = json.getString("message", code.name());
        return new QueueError(code, message, json.getString("messageEn", message), details.isEmpty() ? null : details);
    }
}
