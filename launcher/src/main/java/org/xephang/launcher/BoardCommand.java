package org.xephang.launcher;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Path;
import org.xephang.agent.AgentServer;
import org.xephang.board.BoardAgent;
import org.xephang.board.BoardAgentConfig;
import org.xephang.device.DeviceFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code xephang board --server URL --config board.json}: a standalone board agent serving the board page for the
 * TV's browser and driving the LED displays of its configuration (see {@link BoardAgentConfig}).
 */
@Command(
        name = "board",
        mixinStandardHelpOptions = true,
        description = "Chạy tác tử bảng hiển thị / run a display-board agent")
final class BoardCommand extends AgentCommand<BoardAgentConfig> {

    @Option(names = "--port", paramLabel = "P", description = "Cổng của trang bảng (mặc định theo tệp, 8090)")
    private Integer port;

    @Override
    BoardAgentConfig load(Path file, String server) throws IOException {
        BoardAgentConfig settings = BoardAgentConfig.load(file, server);
        return port == null ? settings : settings.withPort(port);
    }

    @Override
    Future<AgentServer> start(Vertx vertx, BoardAgentConfig settings) {
        return BoardAgent.start(vertx, settings, DeviceFactory.standard()).map(BoardAgent::server);
    }

    @Override
    String devicesKey() {
        return "leds";
    }

    @Override
    String startedLine(BoardAgentConfig settings, AgentServer agent) {
        return "board on " + agent.url() + " (server " + settings.server() + ", site " + settings.site() + ")";
    }
}
