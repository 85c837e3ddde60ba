package org.xephang.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.core.site.ConfigException;

/** The {@code server:} section: CORS origins, TLS from PEM or PKCS#12, audit retention; every problem named. */
class ServerSettingsTest {

    @TempDir
    Path dir;

    @Test
    void withoutAServerSectionOnlyTheServersOwnPagesCallTheApiAndTheAuditIsKept400Days() throws Exception {
        ServerSettings settings = ServerSettings.parse("sites: []\n", "c.yaml", name -> null, dir);
        assertThat(settings.allowedOrigins()).isEmpty();
        assertThat(settings.tls()).isNull();
        assertThat(settings.auditRetention()).isEqualTo(Duration.ofDays(400));
    }

    @Test
    void originsTlsFilesAndRetentionAreRead() throws Exception {
        Files.writeString(dir.resolve("server.p12"), "x");
        ServerSettings settings = ServerSettings.parse("""
                server:
                  cors: {allowedOrigins: ["https://quantri.tinh.gov.vn", "http://127.0.0.1:*"]}
                  tls: {keystore: server.p12, keystorePassword: "env:KHO"}
                  audit: {keepDays: 30}
                """, "c.yaml", Map.of("KHO", "bi-mat")::get, dir);
        assertThat(settings.allowedOrigins()).containsExactly("https://quantri.tinh.gov.vn", "http://127.0.0.1:*");
        assertThat(settings.tls().keystore()).isEqualTo(dir.resolve("server.p12"));
        assertThat(settings.tls().keystorePassword()).isEqualTo("bi-mat");
        assertThat(settings.auditRetention()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void everyProblemIsNamedByItsKey() {
        assertThatThrownBy(() -> ServerSettings.parse("""
                        server:
                          cors: {allowedOrigins: ["*", "https://a.vn/path"], extra: 1}
                          tls: {certificate: missing.pem}
                          audit: {keepDays: 0}
                          port: 8080
                        """, "c.yaml", name -> null, dir))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .anyMatch(p -> p.startsWith("server.port: unknown key"))
                                .anyMatch(p -> p.startsWith("server.cors.extra: unknown key"))
                                .anyMatch(p -> p.startsWith("server.cors.allowedOrigins[0]: \"*\""))
                                .anyMatch(p -> p.startsWith("server.cors.allowedOrigins[1]: must be scheme://host"))
                                .anyMatch(p -> p.startsWith("server.tls.certificate: cannot read"))
                                .anyMatch(p -> p.startsWith("server.audit.keepDays:")));
    }
}
