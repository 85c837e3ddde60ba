package org.xephang.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.core.site.CentreConfig;
import org.xephang.core.site.CentreConfigLoader;

/** Two nodes with different configurations of one site: the second refuses, naming the site and the keys. */
@Timeout(120)
class SiteConfigCheckTest {

    @TempDir
    Path dir;

    Vertx first;
    Vertx second;

    @AfterEach
    void leave() throws Exception {
        for (Vertx node : new Vertx[] {second, first}) {
            if (node != null) {
                node.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        }
    }

    CentreConfig centre(String from, String to) throws Exception {
        String yaml = Files.readString(
                Path.of(SiteConfigCheckTest.class
                        .getResource("/http/centre.yaml")
                        .toURI()),
                StandardCharsets.UTF_8);
        Path file = dir.resolve("centre-" + System.nanoTime() + ".yaml");
        Files.writeString(file, yaml.replace(from, to), StandardCharsets.UTF_8);
        return CentreConfigLoader.load(file);
    }

    static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return org.xephang.testkit.Await.await(future, java.time.Duration.ofSeconds(60));
    }

    @Test
    void theDescriptionIsTheSameForTheSameConfigurationAndNamesWhatDiffers() throws Exception {
        CentreConfig one = centre("", "");
        CentreConfig same = centre("", "");
        CentreConfig other = centre("dailyCap: 2", "dailyCap: 3");

        var a = SiteConfigCheck.describe(one.sites().get(0));
        assertThat(SiteConfigCheck.differences(
                        a, SiteConfigCheck.describe(same.sites().get(0))))
                .isEmpty();
        assertThat(SiteConfigCheck.differences(
                        a, SiteConfigCheck.describe(other.sites().get(0))))
                .containsExactly("services");
    }

    @Test
    void aNodeWithADifferentConfigurationOfASiteIsRefusedAndTheSameOneIsAccepted() throws Exception {
        int port1 = ClusterNodes.freePort();
        first = await(ClusterNode.start(new ClusterOptions("127.0.0.1", port1, List.of())));
        await(SiteConfigCheck.checkAndPublish(first, centre("", "")));
        second = await(ClusterNode.start(new ClusterOptions(
                "127.0.0.1", ClusterNodes.freePort(), ClusterOptions.parseMembers("127.0.0.1:" + port1))));
        ClusterNodeTest.waitUntil(
                () -> ClusterNodeTest.manager(second).getNodes().size() == 2);

        CentreConfig differs = centre("\"Quầy 1\"", "\"Quầy một\"");
        assertThatThrownBy(() -> await(SiteConfigCheck.checkAndPublish(second, differs)))
                .isInstanceOf(ExecutionException.class)
                .hasRootCauseInstanceOf(SiteConfigCheck.ConfigMismatchException.class)
                .rootCause()
                .hasMessageStartingWith("site \"demo\": counters differ(s)");

        await(SiteConfigCheck.checkAndPublish(second, centre("", "")));
    }
}
