package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.xephang.api.ErrorCode;
import org.xephang.core.QueueService;
import org.xephang.core.auth.Authenticator;
import org.xephang.core.backend.DossierBackend;
import org.xephang.core.backend.DossierConfig;
import org.xephang.core.backend.notify.NotificationBackend;
import org.xephang.core.backend.notify.NotificationProviders;

/** openapi.yaml documents exactly the routes the router serves, method by method. */
class OpenApiCoverageTest {

    private Vertx vertx;
    private HttpApi api;

    @BeforeEach
    void buildTheRouter() throws Exception {
        vertx = Vertx.vertx();
        QueueService unused = (QueueService) Proxy.newProxyInstance(
                QueueService.class.getClassLoader(), new Class<?>[] {QueueService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("siteCodes")) {
                        return List.of(); // read when the router is built (the sites' time zones)
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        Authenticator authenticator = Authenticator.create(vertx, List.of(), null, Clock.systemUTC());
        api = HttpApi.create(vertx, unused, authenticator, Clock.systemUTC(), StreamLimits.defaults());
        // The dossier back-end's routes, mounted the way QueueServerMain mounts them (QueueServer.Options.extend).
        DossierBackend.create(vertx, DossierConfig.none(), Clock.systemUTC()).mount(api.router(), api.authenticator());
        new NotificationBackend(vertx, NotificationProviders.none(), Clock.systemUTC())
                .mount(api.router(), api.authenticator());
    }

    @AfterEach
    void close() {
        api.close();
        vertx.close();
    }

    @Test
    void everyRouteOfTheRouterIsInTheDocumentAndEveryDocumentedOperationIsRouted() throws Exception {
        Set<String> routed = new TreeSet<>();
        for (Route route : api.router().getRoutes()) {
            if (route.methods() == null
                    || route.methods().isEmpty()
                    || (!route.isExactPath() && !route.isRegexPath())) {
                continue; // handlers for every route under a prefix (CORS, body limit)
            }
            String template = route.getName() != null ? route.getName() : route.getPath();
            assertThat(template).as("route without a template: %s", route).isNotNull();
            String path = template.replaceAll(":([A-Za-z]+)", "{$1}");
            for (HttpMethod method : route.methods()) {
                routed.add(method.name().toLowerCase(Locale.ROOT) + " " + path);
            }
        }
        Set<String> documented = new TreeSet<>();
        documentedPaths()
                .forEach((path, operations) -> ((Map<?, ?>) operations)
                        .keySet().stream()
                                .map(String::valueOf)
                                .filter(key -> Set.of("get", "post", "put", "delete", "patch")
                                        .contains(key))
                                .forEach(method -> documented.add(method + " " + path)));

        assertThat(routed).as("routes of the router").isNotEmpty().isEqualTo(documented);
        assertThat(routed)
                .contains("post /api/v1/sites/{site}/tickets", "get /api/v1/sites/{site}/events", "get /t/{id}");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDocumentedErrorCodesAreExactlyThoseOfErrorCode() throws Exception {
        Map<String, Object> schemas =
                (Map<String, Object>) ((Map<String, Object>) document().get("components")).get("schemas");
        Map<String, Object> error =
                (Map<String, Object>) ((Map<String, Object>) schemas.get("Error")).get("properties");
        List<String> documented = (List<String>) ((Map<String, Object>) error.get("error")).get("enum");

        assertThat(documented)
                .containsExactly(
                        Arrays.stream(ErrorCode.values()).map(Enum::name).toArray(String[]::new));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> documentedPaths() throws Exception {
        Map<String, Object> document = document();
        assertThat(document.get("openapi")).isEqualTo("3.1.0");
        return (Map<String, Object>) document.get("paths");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> document() throws Exception {
        try (InputStream in = OpenApiCoverageTest.class.getResourceAsStream("/openapi.yaml")) {
            return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromInputStream(in);
        }
    }
}
