package org.xephang.launcher;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "server",
        mixinStandardHelpOptions = true,
        description = "Chạy máy chủ xếp hàng (queue-core) / run the queue server")
final class ServerCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("xephang server: not built yet");
        return Xephang.EXIT_USAGE;
    }
}
