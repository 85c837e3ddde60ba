package org.xephang.launcher;

import org.xephang.core.QueueServerCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code xephang} command. Each role is a subcommand in its own class; exit code 0 on success, 2 with a one-line
 * message for bad arguments or configuration (docs/architecture.md §4).
 */
@Command(
        name = "xephang",
        mixinStandardHelpOptions = true,
        versionProvider = Xephang.Version.class,
        description =
                "Xếp hàng: hệ thống xếp hàng tự động cho Bộ phận Một cửa / queue management for one-stop-shop centres.",
        subcommands = {
            DemoCommand.class,
            QueueServerCommand.class,
            StoreCommands.Migrate.class,
            StoreCommands.Backup.class,
            StoreCommands.Restore.class,
            ConfigCommand.class,
            KioskCommand.class,
            BoardCommand.class,
            CounterCommand.class,
            PrintTestCommand.class,
            AnnounceCommand.class,
            DevsimCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Xephang implements Runnable {

    /** Exit code for bad arguments or configuration. */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with every subcommand registered; tests call {@code execute} on it. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Xephang());
        cli.setExitCodeExceptionMapper(e -> EXIT_USAGE);
        cli.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println("xephang: " + e.getMessage());
            return EXIT_USAGE;
        });
        return cli;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command; see xephang --help");
    }

    /** {@code xephang --version}: the release and the commit, from the build's {@code build.properties}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            BuildInfo build = BuildInfo.current();
            return new String[] {
                "xephang " + build.version(),
                "commit " + build.commit() + (build.commitTime().isEmpty() ? "" : " (" + build.commitTime() + ")"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
            };
        }
    }
}
