package org.xephang.launcher;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Path;
import org.xephang.agent.AgentServer;
import org.xephang.kiosk.KioskAgentConfig;
import org.xephang.kiosk.KioskApp;
import picocli.CommandLine.Command;

/**
 * {@code xephang kiosk --server URL --config kiosk.json}: a standalone kiosk agent serving the touch page for the
 * kiosk's browser, with its printer (see {@link KioskAgentConfig}).
 */
@Command(name = "kiosk", mixinStandardHelpOptions = true, description = "Chạy tác tử ki-ốt / run a kiosk agent")
final class KioskCommand extends AgentCommand<KioskAgentConfig> {

    @Override
    KioskAgentConfig load(Path file, String server) throws IOException {
        return KioskAgentConfig.load(file, server);
    }

    @Override
    Future<AgentServer> start(Vertx vertx, KioskAgentConfig settings) {
        return KioskApp.serve(vertx, settings);
    }

    @Override
    String devicesKey() {
        return "printer";
    }

    @Override
    String startedLine(KioskAgentConfig settings, AgentServer agent) {
        return "kiosk page on " + agent.url() + " (server " + settings.options().serverUrl() + ", site "
                + settings.options().site() + ")";
    }
}
