package org.xephang.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xephang.board.BoardAgentConfig;
import org.xephang.core.ServerSettings;
import org.xephang.core.site.CentreConfigLoader;
import org.xephang.counter.CounterAgentConfig;
import org.xephang.kiosk.KioskAgentConfig;

/**
 * The configurations the packages install in /etc/xephang (from examples/) are read without a problem by the
 * commands the systemd units start.
 */
@Timeout(30)
class PackagedConfigurationTest {

    private static final Path EXAMPLES = Path.of("..", "examples");

    @Test
    void theCentreConfigurationOfTheServerUnitLoads() throws Exception {
        assertThat(CentreConfigLoader.load(EXAMPLES.resolve("centre.yaml")).sites())
                .isNotEmpty();
    }

    @Test
    void theServerOfThePackagedCentreLetsTheBoardPageOfABoardPcReadItsApi() throws Exception {
        // the board agent serves its page on the board PC (board.json: 127.0.0.1:8090); the page calls the server
        assertThat(BoardAgentConfig.load(EXAMPLES.resolve("board.json"), null).host())
                .isEqualTo("127.0.0.1");
        assertThat(ServerSettings.read(EXAMPLES.resolve("centre.yaml")).allowedOrigins())
                .contains("http://127.0.0.1:*", "http://localhost:*");
    }

    @Test
    void thePackagedKioskKeepsIssuingWhileTheServerIsDownAsThePackagedCentreAllows() throws Exception {
        // the centre leases number blocks to kiosks with an offline journal (sites[].offline); without one the
        // kiosk refuses every ticket while the server is down
        assertThat(CentreConfigLoader.load(EXAMPLES.resolve("centre.yaml"))
                        .sites()
                        .get(0)
                        .offline()
                        .enabled())
                .isTrue();
        assertThat(KioskAgentConfig.load(EXAMPLES.resolve("kiosk.json"), null)
                        .options()
                        .offlineJournal())
                .isNotNull();
    }

    @Test
    void theAgentConfigurationsOfTheKioskBoardAndCounterUnitsLoad() throws Exception {
        assertThat(KioskAgentConfig.load(EXAMPLES.resolve("kiosk.json"), null)).isNotNull();
        assertThat(BoardAgentConfig.load(EXAMPLES.resolve("board.json"), null).site())
                .isEqualTo("demo");
        assertThat(CounterAgentConfig.load(EXAMPLES.resolve("counter.json"), null))
                .isNotNull();
    }
}
