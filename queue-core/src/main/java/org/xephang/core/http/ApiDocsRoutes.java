package org.xephang.core.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The API explorer at {@code /api/docs/}: Swagger UI from its webjar (served from the class path, no CDN) over
 * {@code /api/v1/openapi.yaml}. Only the initializer is ours (it points at our document and turns off the online
 * validator); {@code /api/docs} redirects to {@code /api/docs/} so that the page's relative links resolve.
 */
final class ApiDocsRoutes {

    static final String PATH = "/api/docs";
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline';"
            + " script-src 'self'; connect-src 'self'; frame-ancestors 'none'";

    private final StaticHandler files;
    private final Buffer initializer;

    private ApiDocsRoutes(StaticHandler files, Buffer initializer) {
        this.files = files;
        this.initializer = initializer;
    }

    /** Blocking (reads the webjar's version and the initializer from the class path). */
    static ApiDocsRoutes create() {
        StaticHandler files = StaticHandler.create(WEBJAR + webjarVersion())
                .setIndexPage("index.html")
                .setDirectoryListing(false)
                .setCachingEnabled(true)
                .setMaxAgeSeconds(3600);
        return new ApiDocsRoutes(files, HttpApi.resource("/api-docs/swagger-initializer.js"));
    }

    void mount(Router router) {
        router.get(PATH + "/*").setName(PATH + "/*").handler(this::serve);
    }

    private void serve(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Security-Policy", CSP)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer");
        String path = ctx.normalizedPath();
        if (path.equals(PATH)) {
            ctx.response().setStatusCode(301).putHeader("Location", PATH + "/").end();
        } else if (path.equals(PATH + "/swagger-initializer.js")) {
            ctx.response()
                    .putHeader("Content-Type", "text/javascript; charset=utf-8")
                    .putHeader("Cache-Control", "no-cache")
                    .end(initializer);
        } else {
            files.handle(ctx);
        }
    }

    private static String webjarVersion() {
        String name = "/META-INF/maven/org.webjars/swagger-ui/pom.properties";
        try (InputStream in = ApiDocsRoutes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui webjar is missing from the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
