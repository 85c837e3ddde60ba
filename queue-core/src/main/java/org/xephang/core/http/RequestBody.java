package org.xephang.core.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;

/**
 * A request's JSON object read with types checked: a wrong or missing field is an INVALID_REQUEST naming the field,
 * malformed JSON is INVALID_JSON. Texts are NFC (docs/domain-vn.md) and carry no control character (a zero byte is
 * refused by PostgreSQL, failing the whole write group it lands in; a line break breaks the pages and CSV files that
 * show it). Nothing reaches the engine before its whole body passed these checks.
 */
final class RequestBody {

    static final int MAX_TEXT_LENGTH = 500;

    private final JsonObject json;

    private RequestBody(JsonObject json) {
        this.json = json;
    }

    /** The body as a JSON object; an empty body reads as {@code {}}. */
    static RequestBody of(RoutingContext ctx) {
        Buffer buffer = ctx.body() == null ? null : ctx.body().buffer();
        if (buffer == null || buffer.toString().isBlank()) {
            return new RequestBody(new JsonObject());
        }
        Object value;
        try {
            value = buffer.toJsonValue();
        } catch (DecodeException malformed) {
            throw new QueueError(
                    ErrorCode.INVALID_JSON,
                    "Nội dung yêu cầu không phải JSON hợp lệ.",
                    "The request body is not valid JSON.");
        }
        if (!(value instanceof JsonObject object)) {
            throw new QueueError(
                    ErrorCode.INVALID_JSON,
                    "Nội dung yêu cầu phải là một đối tượng JSON {…}.",
                    "The request body must be a JSON object {…}.");
        }
        return new RequestBody(object);
    }

    String requiredText(String field) {
        String value = optionalText(field);
        if (value == null) {
            throw invalid(field, "là bắt buộc", "is required");
        }
        return value;
    }

    /**
     * A non-blank string of at most {@value #MAX_TEXT_LENGTH} characters without control characters, stripped and in
     * NFC; null when absent or JSON null.
     */
    String optionalText(String field) {
        String text = string(field);
        if (text == null) {
            return null;
        }
        if (text.isBlank()) {
            throw invalid(field, "không được để trống", "must not be empty");
        }
        if (hasControlCharacter(text)) {
            throw invalid(field, CONTROL_CHARACTER, CONTROL_CHARACTER_EN);
        }
        return Normalizer.normalize(text.strip(), Normalizer.Form.NFC);
    }

    /**
     * {@link #optionalText}, for text a machine wrote (a driver's diagnostic): its control characters (line breaks of an
     * error message) become spaces instead of refusing the report.
     */
    String optionalMachineText(String field) {
        String text = string(field);
        if (text == null) {
            return null;
        }
        String cleaned = text.codePoints()
                .map(c -> Character.isISOControl(c) ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        if (cleaned.isBlank()) {
            throw invalid(field, "không được để trống", "must not be empty");
        }
        return Normalizer.normalize(cleaned.strip(), Normalizer.Form.NFC);
    }

    static final String CONTROL_CHARACTER =
            "có ký tự điều khiển (xuống dòng, tab hoặc mã 0), không được phép; hãy gõ lại trên một dòng";
    static final String CONTROL_CHARACTER_EN =
            "has a control character (a line break, a tab or a zero byte), which is not allowed; type it again on one line";

    static boolean hasControlCharacter(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }

    /**
     * A non-blank string, stripped, control characters kept: the username typed at sign-in, which matches no account
     * then (401 like any unknown name, counted by the throttle) and is never stored or logged as typed.
     */
    String requiredTypedName(String field) {
        String text = string(field);
        if (text == null) {
            throw invalid(field, "là bắt buộc", "is required");
        }
        if (text.isBlank()) {
            throw invalid(field, "không được để trống", "must not be empty");
        }
        return text.strip();
    }

    /** A string taken exactly as sent (passwords: spaces count). */
    String requiredRawText(String field) {
        String text = string(field);
        if (text == null) {
            throw invalid(field, "là bắt buộc", "is required");
        }
        return text;
    }

    /** The field as sent when it is a string of at most {@value #MAX_TEXT_LENGTH} characters; null when absent. */
    private String string(String field) {
        Object value = json.getValue(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw invalid(field, "phải là chuỗi ký tự", "must be a string");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw invalid(
                    field,
                    "dài quá " + MAX_TEXT_LENGTH + " ký tự",
                    "is longer than " + MAX_TEXT_LENGTH + " characters");
        }
        return text;
    }

    /** A JSON object field, as maps and lists. */
    java.util.Map<String, Object> requiredObject(String field) {
        Object value = json.getValue(field);
        if (value == null) {
            throw invalid(field, "là bắt buộc", "is required");
        }
        if (!(value instanceof JsonObject object)) {
            throw invalid(field, "phải là một đối tượng JSON {…}", "must be a JSON object {…}");
        }
        return object.getMap();
    }

    /** A whole number at least 0 (JSON integer). */
    long requiredVersion(String field) {
        Object value = json.getValue(field);
        if (value == null) {
            throw invalid(field, "là bắt buộc", "is required");
        }
        if ((value instanceof Integer || value instanceof Long) && ((Number) value).longValue() >= 0) {
            return ((Number) value).longValue();
        }
        throw invalid(field, "phải là số nguyên không âm", "must be a non-negative whole number");
    }

    int requiredInt(String field) {
        Integer value = optionalInt(field);
        if (value == null) {
            throw invalid(field, "là bắt buộc", "is required");
        }
        return value;
    }

    Integer optionalInt(String field) {
        Object value = json.getValue(field);
        if (value == null) {
            return null;
        }
        if (value instanceof Integer number) {
            return number;
        }
        if (value instanceof Long number && number == number.intValue()) {
            return number.intValue();
        }
        throw invalid(field, "phải là số nguyên", "must be a whole number");
    }

    /** A list of at most {@code max} non-blank strings; empty when absent or JSON null. */
    List<String> optionalTextList(String field, int max) {
        Object value = json.getValue(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof JsonArray array)) {
            throw invalid(field, "phải là một danh sách chuỗi ký tự [\"…\"]", "must be a list of strings [\"…\"]");
        }
        if (array.size() > max) {
            throw invalid(field, "có nhiều nhất " + max + " phần tử", "has at most " + max + " items");
        }
        List<String> texts = new ArrayList<>();
        for (Object item : array) {
            if (!(item instanceof String text) || text.isBlank() || text.length() > MAX_TEXT_LENGTH) {
                throw invalid(
                        field,
                        "chỉ gồm chuỗi ký tự không trống, mỗi chuỗi tối đa " + MAX_TEXT_LENGTH + " ký tự",
                        "has only non-empty strings, each at most " + MAX_TEXT_LENGTH + " characters");
            }
            if (hasControlCharacter(text)) {
                throw invalid(field, CONTROL_CHARACTER, CONTROL_CHARACTER_EN);
            }
            texts.add(Normalizer.normalize(text.strip(), Normalizer.Form.NFC));
        }
        return texts;
    }

    /** A list of 1 to {@code max} JSON objects, each read as a body of its own ({@code field[i].key} in messages). */
    List<RequestBody> requiredObjectList(String field, int max) {
        Object value = json.getValue(field);
        if (!(value instanceof JsonArray array) || array.isEmpty()) {
            throw invalid(
                    field,
                    "là bắt buộc: một danh sách không trống các đối tượng JSON [{…}]",
                    "is required: a non-empty list of JSON objects [{…}]");
        }
        if (array.size() > max) {
            throw invalid(
                    field,
                    "có nhiều nhất " + max + " phần tử; hãy gửi thành nhiều lần",
                    "has at most " + max + " items; please send it in several parts");
        }
        List<RequestBody> items = new ArrayList<>();
        for (Object item : array) {
            if (!(item instanceof JsonObject object)) {
                throw invalid(field, "chỉ gồm các đối tượng JSON {…}", "has only JSON objects {…}");
            }
            items.add(new RequestBody(object));
        }
        return items;
    }

    /** {@code problem} in Vietnamese and {@code problemEn} in English, each after the field's name. */
    static QueueError invalid(String field, String problem, String problemEn) {
        return new QueueError(
                ErrorCode.INVALID_REQUEST,
                "Trường \"" + field + "\" " + problem + ".",
                "The field \"" + field + "\" " + problemEn + ".");
    }
}
