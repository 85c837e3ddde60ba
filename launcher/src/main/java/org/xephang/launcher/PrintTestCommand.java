package org.xephang.launcher;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "print-test",
        mixinStandardHelpOptions = true,
        description = "In vé mẫu tiếng Việt / print the sample Vietnamese ticket on a printer URI")
final class PrintTestCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("xephang print-test: not built yet");
        return Xephang.EXIT_USAGE;
    }
}
