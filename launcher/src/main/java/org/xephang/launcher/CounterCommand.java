package org.xephang.launcher;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "counter", mixinStandardHelpOptions = true, description = "Chạy tác tử quầy / run a counter agent")
final class CounterCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("xephang counter: not built yet");
        return Xephang.EXIT_USAGE;
    }
}
