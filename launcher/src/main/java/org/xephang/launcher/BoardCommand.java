package org.xephang.launcher;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "board",
        mixinStandardHelpOptions = true,
        description = "Chạy tác tử bảng hiển thị / run a display-board agent")
final class BoardCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("xephang board: not built yet");
        return Xephang.EXIT_USAGE;
    }
}
