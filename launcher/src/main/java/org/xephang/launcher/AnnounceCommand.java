package org.xephang.launcher;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "announce",
        mixinStandardHelpOptions = true,
        description = "In câu đọc số và danh sách đoạn âm thanh / print the announcement text and clip list")
final class AnnounceCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("xephang announce: not built yet");
        return Xephang.EXIT_USAGE;
    }
}
