package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The API explorer: Swagger UI served by the server itself over its own openapi.yaml, nothing from elsewhere. */
@Timeout(60)
class ApiDocsIT {

    @TempDir
    Path dataDir;

    private TestApi api;

    @BeforeEach
    void start() {
        api = TestApi.start(dataDir);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void theExplorerPageAndItsScriptsAreServedLocally() {
        var page = api.send(HttpMethod.GET, "/api/docs/", null, null);
        var bundle = api.send(HttpMethod.GET, "/api/docs/swagger-ui-bundle.js", null, null);
        var css = api.send(HttpMethod.GET, "/api/docs/swagger-ui.css", null, null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.getHeader("Content-Type")).startsWith("text/html");
        assertThat(page.bodyAsString())
                .contains("swagger-ui-bundle.js", "swagger-initializer.js")
                .doesNotContain("http://", "https://");
        assertThat(page.getHeader("Content-Security-Policy")).contains("script-src 'self'");
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.body().length()).isGreaterThan(100_000);
        assertThat(css.statusCode()).isEqualTo(200);
    }

    @Test
    void theInitializerReadsThisServersDocumentWithoutTheOnlineValidator() {
        var initializer = api.send(HttpMethod.GET, "/api/docs/swagger-initializer.js", null, null);
        var document = api.send(HttpMethod.GET, "/api/v1/openapi.yaml", null, null);

        assertThat(initializer.statusCode()).isEqualTo(200);
        assertThat(initializer.bodyAsString())
                .contains("url: \"../v1/openapi.yaml\"", "validatorUrl: null")
                .doesNotContain("petstore");
        assertThat(document.statusCode()).isEqualTo(200);
    }

    @Test
    void theBarePathRedirectsToTheFolderSoRelativeLinksResolve() {
        var bare = TestApi.await(
                api.http.get("/api/docs").followRedirects(false).timeout(10_000).send());

        assertThat(bare.statusCode()).isEqualTo(301);
        assertThat(bare.getHeader("Location")).isEqualTo("/api/docs/");
    }
}
