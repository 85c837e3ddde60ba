package org.xephang.core.http;

import io.vertx.ext.web.RoutingContext;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;

/** Path parameters, checked: a counter is a positive integer; site codes and ticket ids are short and plain. */
final class PathParams {

    private static final int MAX_ID_LENGTH = 64;

    private PathParams() {}

    static String site(RoutingContext ctx) {
        return plain(ctx, "site");
    }

    static String ticketId(RoutingContext ctx) {
        return plain(ctx, "id");
    }

    static int counter(RoutingContext ctx) {
        String text = ctx.pathParam("counter");
        int counter;
        try {
            counter = Integer.parseInt(text);
        } catch (NumberFormatException notANumber) {
            throw notACounter(text);
        }
        if (counter <= 0) {
            throw notACounter(text);
        }
        return counter;
    }

    private static QueueError notACounter(String text) {
        return new QueueError(
                ErrorCode.INVALID_REQUEST,
                "Số quầy phải là số nguyên dương, không phải \"" + shorten(text) + "\".",
                "A counter number must be a positive whole number, not \"" + shorten(text) + "\".");
    }

    private static String plain(RoutingContext ctx, String name) {
        String value = ctx.pathParam(name);
        if (value == null
                || value.isEmpty()
                || value.length() > MAX_ID_LENGTH
                || !value.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_'))) {
            throw new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Tham số \"" + name + "\" không hợp lệ.",
                    "The parameter \"" + name + "\" is invalid.");
        }
        return value;
    }

    private static String shorten(String text) {
        return text.length() <= 16 ? text : text.substring(0, 16) + "…";
    }
}
