package org.xephang.core.backend.lookup;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.concurrent.TimeoutException;
import org.xephang.core.backend.lookup.DossierLookupException.Reason;

/** How every provider reads an HTTP answer and a JSON field: one place that turns vendor trouble into a reason. */
final class VendorAnswers {

    private VendorAnswers() {}

    /** The JSON object body of a 2xx answer, or the failure its status means. */
    static JsonObject jsonBody(HttpResponse<Buffer> response, String what) {
        int status = response.statusCode();
        if (status == 404) {
            throw new DossierLookupException(Reason.NOT_FOUND, what + ": 404");
        }
        if (status == 401 || status == 403) {
            throw new DossierLookupException(Reason.REFUSED_CREDENTIALS, what + ": " + status);
        }
        if (status == 429) {
            throw new DossierLookupException(Reason.RATE_LIMITED, what + ": 429");
        }
        if (status >= 500) {
            throw new DossierLookupException(Reason.UNAVAILABLE, what + ": " + status);
        }
        if (status < 200 || status > 299) {
            throw DossierLookupException.malformed(what + ": unexpected HTTP " + status);
        }
        Buffer body = response.body();
        if (body == null || body.length() == 0) {
            throw DossierLookupException.malformed(what + ": empty body");
        }
        try {
            Object parsed = body.toJsonValue();
            if (parsed instanceof JsonObject object) {
                return object;
            }
            throw DossierLookupException.malformed(what + ": body is not a JSON object");
        } catch (DecodeException e) {
            throw new DossierLookupException(Reason.MALFORMED, what + ": body is not JSON", e);
        }
    }

    /** Turns a transport failure (timeout, refused connection) into UNAVAILABLE; keeps our own exceptions. */
    static <T> Future<T> explain(Throwable failure, String what) {
        if (failure instanceof DossierLookupException known) {
            return Future.failedFuture(known);
        }
        if (failure instanceof TimeoutException) {
            return Future.failedFuture(new DossierLookupException(Reason.UNAVAILABLE, what + ": timed out", failure));
        }
        if (failure instanceof ClassCastException || failure instanceof IllegalArgumentException) {
            return Future.failedFuture(
                    new DossierLookupException(Reason.MALFORMED, what + ": " + failure.getMessage(), failure));
        }
        return Future.failedFuture(new DossierLookupException(
                Reason.UNAVAILABLE, what + ": " + failure.getClass().getSimpleName(), failure));
    }

    static String text(JsonObject json, String field) {
        Object value = json == null ? null : json.getValue(field);
        if (value == null) {
            return null;
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            String text = value.toString().strip();
            return text.isEmpty() ? null : text;
        }
        throw DossierLookupException.malformed(field + ": expected text");
    }

    static JsonObject object(JsonObject json, String field) {
        Object value = json == null ? null : json.getValue(field);
        if (value == null || value instanceof JsonObject) {
            return (JsonObject) value;
        }
        throw DossierLookupException.malformed(field + ": expected an object");
    }

    static JsonArray array(JsonObject json, String field) {
        Object value = json == null ? null : json.getValue(field);
        if (value == null) {
            return new JsonArray();
        }
        if (value instanceof JsonArray array) {
            return array;
        }
        throw DossierLookupException.malformed(field + ": expected an array");
    }

    /** Resolves a national status from a vendor id/name pair, trying an explicit id table first, then the name. */
    static DossierStatusCode status(String vendorId, String vendorName, java.util.Map<String, Integer> idTable) {
        if (vendorId != null && idTable.containsKey(vendorId)) {
            return DossierStatusCode.ofCode(idTable.get(vendorId)).orElse(null);
        }
        return DossierStatusCode.ofVendorName(vendorName)
                .or(() -> DossierStatusCode.ofOpenCps(vendorName))
                .or(() -> DossierStatusCode.ofOpenCps(vendorId))
                .orElse(null);
    }
}
