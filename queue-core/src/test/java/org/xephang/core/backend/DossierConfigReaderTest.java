package org.xephang.core.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xephang.core.site.CentreConfigLoader;
import org.xephang.core.site.ConfigException;

class DossierConfigReaderTest {

    private static final Map<String, String> ENV =
            Map.of("IGATE_SECRET", "igate-secret-value", "WEBHOOK_SECRET", "a-long-webhook-secret");

    @Test
    void theDossierSectionSitsInTheCentreFileBesideSitesAndAccounts() throws Exception {
        String yaml = java.nio.file.Files.readString(centreFile());

        DossierConfig config = DossierConfigReader.parse(yaml, "centre.yaml", ENV::get);

        assertThat(CentreConfigLoader.load(centreFile()).sites()).hasSize(1);
        assertThat(config.lookup().style()).isEqualTo("igate");
        assertThat(config.lookup().timeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(config.lookup().igate().clientSecret()).isEqualTo("igate-secret-value");
        assertThat(config.lookup().igate().statusIds()).containsEntry("17", 9);
        assertThat(config.lookup().toString()).doesNotContain("igate-secret-value");
        assertThat(config.forward().profile()).isEqualTo("opencps");
        assertThat(config.forward().secret()).isEqualTo("a-long-webhook-secret");
        assertThat(config.forward().initialBackoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.forward().maxBackoff()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.forward().deadAfter()).isEqualTo(Duration.ofHours(12));
        assertThat(config.forward().openCpsServiceCodes()).containsEntry("A", "HT");
        assertThat(config.forward().toString()).doesNotContain("a-long-webhook-secret");
    }

    @Test
    void aFileWithoutTheSectionMeansNoDossierSystem() throws Exception {
        DossierConfig config = DossierConfigReader.parse("sites: []\n", "x", ENV::get);

        assertThat(config.lookup().style()).isEqualTo("none");
        assertThat(config.forward().enabled()).isFalse();
    }

    @Test
    void everyProblemIsReportedAtOnceNamingItsKey() {
        String yaml = """
                dossier:
                  lookup:
                    style: dvcqg
                    timeout: 4 seconds
                    dvcqg: { loginUrl: "https://g.vn/login", colour: red }
                  forward:
                    profile: webhook
                    secret: env:MISSING
                    parallel: 0
                """;

        assertThatThrownBy(() -> DossierConfigReader.parse(yaml, "bad.yaml", ENV::get))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .anySatisfy(p -> assertThat(p).startsWith("dossier.lookup.timeout: must be a duration"))
                                .anySatisfy(p -> assertThat(p).startsWith("dossier.lookup.dvcqg.colour: unknown key"))
                                .anySatisfy(p -> assertThat(p).isEqualTo("dossier.lookup.dvcqg.serviceUrl: required"))
                                .anySatisfy(p -> assertThat(p).isEqualTo("dossier.lookup.dvcqg.password: required"))
                                .anySatisfy(p -> assertThat(p).isEqualTo("dossier.forward.url: required"))
                                .anySatisfy(p -> assertThat(p)
                                        .isEqualTo("dossier.forward.secret: environment variable MISSING is not set"))
                                .anySatisfy(p ->
                                        assertThat(p).startsWith("dossier.forward.parallel: must be a whole number")));
    }

    @Test
    void thePortalSectionNamesItsShapeUnitsAndFieldsAndEachProblemByKey() throws Exception {
        DossierConfig config = DossierConfigReader.parse("""
                dossier:
                  portal:
                    style: dvcqg
                    url: "https://dichvucong.example.vn/api/service"
                    apiKey: env:PORTAL_KEY
                    units: { s1: H56.27 }
                    services: { LV01: A }
                    timeout: 3s
                    attempts: 4
                """, "ok.yaml", Map.of("PORTAL_KEY", "k-1")::get);
        assertThat(config.portal().style()).isEqualTo("dvcqg");
        assertThat(config.portal().units()).containsEntry("s1", "H56.27");
        assertThat(config.portal().services()).containsEntry("LV01", "A");
        assertThat(config.portal().attempts()).isEqualTo(4);
        assertThat(config.portal().toString()).doesNotContain("k-1");

        assertThatThrownBy(() -> DossierConfigReader.parse("""
                        dossier:
                          portal: { style: soap, colour: red, units: [s1] }
                        """, "bad.yaml", ENV::get))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .anySatisfy(p -> assertThat(p).startsWith("dossier.portal.colour: unknown key"))
                                .anySatisfy(
                                        p -> assertThat(p).isEqualTo("dossier.portal.units: must be a map of codes"))
                                .anySatisfy(p -> assertThat(p)
                                        .startsWith("dossier.portal.style: must be none, generic or dvcqg")));
    }

    static Path centreFile() throws Exception {
        return Path.of(DossierConfigReaderTest.class
                .getResource("/backend/centre.yaml")
                .toURI());
    }
}
