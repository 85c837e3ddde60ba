package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * openapi.yaml as client generators read it: a standard OpenAPI parser (swagger-parser) reports no error and no
 * warning. Before, three flow mappings had an unquoted comma in a description, which turned the rest of the
 * description into a stray schema property.
 */
@Timeout(60)
@SuppressWarnings("rawtypes") // swagger-models' Schema.getProperties() is a map of raw schemas
class OpenApiDocumentTest {

    @Test
    void theDocumentParsesWithNoErrorsAndNoWarnings() throws IOException {
        SwaggerParseResult result = parse();

        assertThat(result.getMessages()).as("parser messages").isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        assertThat(result.getOpenAPI().getPaths()).containsKey("/api/v1/sites/{site}/tickets");
    }

    @Test
    void descriptionsWithCommasStayWholeDescriptions() throws IOException {
        SwaggerParseResult result = parse();

        assertThat(description(result, "Counter", "officer"))
                .isEqualTo("Staff only: the username, never a full name (absent from the public view)");
        assertThat(description(result, "Dossier", "owner")).isEqualTo("Masked, e.g. \"Nguyễn V*** A\"");
        assertThat(description(result, "Dossier", "overdue"))
                .isEqualTo("Trễ hạn — running past the appointment, or finished after it");
    }

    /**
     * What a strict linter reads: every key of every schema is a JSON Schema or OpenAPI keyword (names under
     * {@code properties} excepted), and no key of the document has an empty value. An unquoted comma in a flow
     * mapping makes a key with an empty value out of the rest of the text: OpenAPI 3.1 parsers accept it as an
     * unknown keyword, so this test is the one that fails.
     */
    @Test
    void everySchemaKeyIsAKeywordAndNoKeyIsLeftWithoutAValue() throws IOException {
        Map<?, ?> document;
        try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/openapi.yaml")) {
            document = (Map<?, ?>) new Load(LoadSettings.builder().build()).loadFromInputStream(in);
        }
        List<String> problems = new ArrayList<>();
        emptyValues(document, "", problems);
        Map<?, ?> schemas = (Map<?, ?>) ((Map<?, ?>) document.get("components")).get("schemas");
        schemas.forEach((name, schema) -> schemaKeys(schema, "components.schemas." + name, problems));
        schemasUnder(document.get("paths"), "paths", problems);

        assertThat(problems).as("structural problems of openapi.yaml").isEmpty();
    }

    private static final Set<String> SCHEMA_KEYWORDS = Set.of(
            "$ref",
            "$id",
            "$schema",
            "$comment",
            "$defs",
            "type",
            "enum",
            "const",
            "format",
            "title",
            "description",
            "default",
            "examples",
            "example",
            "properties",
            "additionalProperties",
            "patternProperties",
            "required",
            "items",
            "prefixItems",
            "minItems",
            "maxItems",
            "uniqueItems",
            "contains",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
            "minLength",
            "maxLength",
            "pattern",
            "minProperties",
            "maxProperties",
            "oneOf",
            "anyOf",
            "allOf",
            "not",
            "if",
            "then",
            "else",
            "dependentRequired",
            "dependentSchemas",
            "propertyNames",
            "unevaluatedProperties",
            "readOnly",
            "writeOnly",
            "deprecated",
            "discriminator",
            "xml",
            "externalDocs",
            "contentMediaType",
            "contentEncoding");

    private static void emptyValues(Object node, String path, List<String> problems) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if (value == null) {
                    problems.add(path + "." + key + " has no value");
                }
                emptyValues(value, path + "." + key, problems);
            });
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                emptyValues(list.get(i), path + "[" + i + "]", problems);
            }
        }
    }

    private static void schemaKeys(Object schema, String path, List<String> problems) {
        if (!(schema instanceof Map<?, ?> map)) {
            return;
        }
        map.forEach((key, value) -> {
            String name = String.valueOf(key);
            if (!SCHEMA_KEYWORDS.contains(name) && !name.startsWith("x-")) {
                problems.add(path + " has the key '" + name + "', which is no schema keyword");
            }
            switch (name) {
                case "properties", "patternProperties", "$defs", "dependentSchemas" -> {
                    if (value instanceof Map<?, ?> properties) {
                        properties.forEach((property, sub) -> schemaKeys(sub, path + "." + property, problems));
                    }
                }
                case "items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames" ->
                    schemaKeys(value, path + "." + name, problems);
                case "oneOf", "anyOf", "allOf", "prefixItems" -> {
                    if (value instanceof List<?> list) {
                        list.forEach(sub -> schemaKeys(sub, path + "." + name, problems));
                    }
                }
                default -> {}
            }
        });
    }

    /** Schemas inline in operations: every {@code schema} key under the paths. */
    private static void schemasUnder(Object node, String path, List<String> problems) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if ("schema".equals(key)) {
                    schemaKeys(value, path + ".schema", problems);
                } else {
                    schemasUnder(value, path + "." + key, problems);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> schemasUnder(item, path, problems));
        }
    }

    private static String description(SwaggerParseResult result, String schema, String property) {
        Schema<?> owner = result.getOpenAPI().getComponents().getSchemas().get(schema);
        Map<String, Schema> properties = owner.getProperties();
        return properties.get(property).getDescription();
    }

    static SwaggerParseResult parse() throws IOException {
        String yaml;
        try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/openapi.yaml")) {
            assertThat(in).as("openapi.yaml on the class path").isNotNull();
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setValidateInternalRefs(true);
        return new OpenAPIParser().readContents(yaml, null, options);
    }
}
