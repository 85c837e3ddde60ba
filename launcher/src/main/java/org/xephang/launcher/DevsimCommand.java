package org.xephang.launcher;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "devsim",
        mixinStandardHelpOptions = true,
        description = "Chạy các thiết bị mô phỏng / start the device simulators")
final class DevsimCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("xephang devsim: not built yet");
        return Xephang.EXIT_USAGE;
    }
}
