package org.xephang.launcher;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Path;
import org.xephang.agent.AgentServer;
import org.xephang.counter.CounterAgentConfig;
import org.xephang.counter.CounterApp;
import picocli.CommandLine.Command;

/**
 * {@code xephang counter --server URL --config counter.json}: a standalone counter agent serving the officer page,
 * with the counters' LED displays and rating keypads (see {@link CounterAgentConfig}).
 */
@Command(name = "counter", mixinStandardHelpOptions = true, description = "Chạy tác tử quầy / run a counter agent")
final class CounterCommand extends AgentCommand<CounterAgentConfig> {

    @Override
    CounterAgentConfig load(Path file, String server) throws IOException {
        return CounterAgentConfig.load(file, server);
    }

    @Override
    Future<AgentServer> start(Vertx vertx, CounterAgentConfig settings) {
        return CounterApp.serve(vertx, settings);
    }

    @Override
    String devicesKey() {
        return "device";
    }

    @Override
    String startedLine(CounterAgentConfig settings, AgentServer agent) {
        return "counter page on " + agent.url() + " (server "
                + settings.options().serverUrl() + ", site "
                + settings.options().site() + ")";
    }
}
