package org.xephang.core.http;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.databind.ObjectMapper;

/**
 * Checks an API answer against what openapi.yaml says that operation answers with that status: the response's JSON
 * schema (with the document's components for its references), validated by a standard JSON Schema 2020-12 validator.
 */
final class OpenApiResponses {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonObject document;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private OpenApiResponses(JsonObject document) {
        this.document = document;
    }

    static OpenApiResponses load() {
        try (InputStream in = OpenApiResponses.class.getResourceAsStream("/openapi.yaml")) {
            Map<?, ?> yaml = (Map<?, ?>) new Load(LoadSettings.builder().build()).loadFromInputStream(in);
            return new OpenApiResponses(new JsonObject(new JsonObject(stringKeys(yaml)).encode()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The schema problems of {@code body} as the answer of {@code method path} with {@code status} (empty when it
     * matches); fails when the document has no JSON schema for that answer.
     */
    List<String> problems(String method, String path, int status, String body) {
        JsonObject operation = document.getJsonObject("paths")
                .getJsonObject(path)
                .getJsonObject(method.toLowerCase(java.util.Locale.ROOT));
        if (operation == null) {
            throw new AssertionError("openapi.yaml has no " + method + " " + path);
        }
        JsonObject response = operation.getJsonObject("responses").getJsonObject(String.valueOf(status));
        if (response == null) {
            throw new AssertionError("openapi.yaml documents no " + status + " for " + method + " " + path);
        }
        response = resolve(response);
        JsonObject schema = response.getJsonObject("content")
                .getJsonObject("application/json")
                .getJsonObject("schema")
                .copy();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema")
                .put("components", document.getJsonObject("components"));
        Schema validator = registry.getSchema(JSON.readTree(schema.encode()));
        List<Error> errors = validator.validate(JSON.readTree(body));
        return errors.stream()
                .map(error -> error.getInstanceLocation() + ": " + error.getMessage())
                .toList();
    }

    private JsonObject resolve(JsonObject node) {
        String ref = node.getString("$ref");
        if (ref == null) {
            return node;
        }
        JsonObject target = document;
        for (String part : ref.substring(2).split("/")) {
            target = target.getJsonObject(part);
        }
        return resolve(target);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stringKeys(Map<?, ?> yaml) {
        // YAML keys such as "200" are strings already; a key read as a number is written as its text.
        java.util.LinkedHashMap<String, Object> json = new java.util.LinkedHashMap<>();
        yaml.forEach((key, value) -> json.put(String.valueOf(key), convert(value)));
        return json;
    }

    private static Object convert(Object value) {
        if (value instanceof Map<?, ?> map) {
            return stringKeys(map);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(OpenApiResponses::convert).toList();
        }
        return value;
    }
}
