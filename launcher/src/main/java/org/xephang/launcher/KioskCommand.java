package org.xephang.launcher;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "kiosk", mixinStandardHelpOptions = true, description = "Chạy tác tử ki-ốt / run a kiosk agent")
final class KioskCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("xephang kiosk: not built yet");
        return Xephang.EXIT_USAGE;
    }
}
