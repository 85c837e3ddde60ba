package org.xephang.launcher;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code xephang bench <scenario> …}: hands every argument to the {@code bench} module's entry class. The bench module
 * depends on the launcher (it starts {@code xephang server} as a child process), so the launcher finds it on the
 * classpath at run time instead of depending on it; {@code ./xephang} builds both.
 */
@Command(
        name = "bench",
        description = "Đo hiệu năng và thử chịu lỗi / benchmarks and fault harness: xephang bench --help",
        // --help and every option belong to the bench module's own parser.
        mixinStandardHelpOptions = false)
final class BenchCommand implements Callable<Integer> {

    static final String ENTRY_CLASS = "org.xephang.bench.BenchMain";

    @Spec
    private CommandSpec spec;

    @Unmatched
    private List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Method run;
        try {
            run = Class.forName(ENTRY_CLASS).getMethod("run", String[].class, PrintWriter.class, PrintWriter.class);
        } catch (ClassNotFoundException e) {
            err.println("xephang bench: the bench module is not on the classpath; build it with "
                    + "`mvn -pl bench -am package -DskipTests` (./xephang does this)");
            return Xephang.EXIT_USAGE;
        }
        try {
            return (Integer) run.invoke(null, arguments.toArray(String[]::new), out, err);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
