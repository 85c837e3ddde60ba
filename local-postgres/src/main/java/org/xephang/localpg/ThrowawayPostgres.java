package org.xephang.localpg;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throwaway PostgreSQL server started from the machine's binaries ({@code /usr/lib/postgresql/N/bin}: initdb,
 * pg_ctl) in a folder of its own, on a free port of 127.0.0.1, trusting local connections of the user
 * {@code postgres}. When the JVM runs as root the server runs as the {@code postgres} user (PostgreSQL refuses to run
 * as root). The PostgreSQL tests start one per JVM ({@code PostgresFixture}), {@code xephang bench failover} one per
 * run; {@link #close()} stops it and removes its folder.
 *
 * <p>Blocking: every method waits for the PostgreSQL tools (bounded: initdb 120 s, start 90 s, stop 60 s); call
 * from a main or worker thread. Fails with an {@link IOException} naming the tool and its output.
 */
public final class ThrowawayPostgres implements AutoCloseable {

    /** The superuser of the server, trusted without a password from 127.0.0.1. */
    public static final String USER = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(ThrowawayPostgres.class);
    private static final Path INSTALLED = Path.of("/usr/lib/postgresql");
    private static final int START_ATTEMPTS = 5;

    private final Path bin;
    private final Path home;
    private final int port;
    private final boolean root;

    private ThrowawayPostgres(Path bin, Path home, int port, boolean root) {
        this.bin = bin;
        this.home = home;
        this.port = port;
        this.root = root;
    }

    /** The newest {@code /usr/lib/postgresql/N/bin} holding initdb and pg_ctl, if the server binaries are installed. */
    public static Optional<Path> binaries() {
        if (!Files.isDirectory(INSTALLED)) {
            return Optional.empty();
        }
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> versions = Files.newDirectoryStream(INSTALLED)) {
            for (Path version : versions) {
                Path bin = version.resolve("bin");
                if (Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"))) {
                    found.add(bin);
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot list {}", INSTALLED, e);
            return Optional.empty();
        }
        return found.stream().max(Comparator.comparingInt(ThrowawayPostgres::majorVersion));
    }

    /**
     * Starts a server in a new temporary folder named {@code prefix…} (under {@code /dev/shm} when {@code inMemory} and
     * the machine has it: initdb and CREATE DATABASE write thousands of small files).
     *
     * @param durable false for tests: no fsync and no full-page writes (nothing needs to survive a power loss)
     * @throws IOException when the binaries are missing or a tool fails
     */
    public static ThrowawayPostgres start(String prefix, boolean inMemory, boolean durable) throws IOException {
        Path bin = binaries()
                .orElseThrow(() -> new IOException(
                        "no initdb and pg_ctl found under " + INSTALLED + "/*/bin" + " (Debian package postgresql)"));
        Path shm = Path.of("/dev/shm");
        // A temporary folder, not the work folder, whose parents the postgres user may not be allowed to enter.
        Path home = inMemory && Files.isDirectory(shm) && Files.isWritable(shm)
                ? Files.createTempDirectory(shm, prefix)
                : Files.createTempDirectory(prefix);
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            run(List.of("chown", USER + ":" + USER, home.toString()), false, 30);
        }
        Path data = home.resolve("data");
        run(
                List.of(
                        bin.resolve("initdb").toString(),
                        "-D",
                        data.toString(),
                        "-U",
                        USER,
                        "--auth=trust",
                        "-E",
                        "UTF8",
                        "--locale=C",
                        "--no-sync"),
                root,
                120);
        String settings = " -c listen_addresses=127.0.0.1 -c max_connections=200"
                + (durable ? "" : " -c fsync=off -c full_page_writes=off");
        IOException last = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            int port = freePort(); // another process may take it before the server does: then another one
            try {
                run(
                        List.of(
                                bin.resolve("pg_ctl").toString(),
                                "-D",
                                data.toString(),
                                "-l",
                                home.resolve("server.log").toString(),
                                "-w",
                                "-t",
                                "60",
                                "-o",
                                "-p " + port + " -k " + home + settings,
                                "start"),
                        root,
                        90);
                LOG.info("PostgreSQL started on 127.0.0.1:{} in {}", port, home);
                return new ThrowawayPostgres(bin, home, port, root);
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** The server's folder (its data and its log, {@code server.log}). */
    public Path home() {
        return home;
    }

    /** {@code postgresql://127.0.0.1:PORT/DATABASE?user=postgres}, as {@code --store} and the tests take it. */
    public String url(String database) {
        return "postgresql://" + host() + ":" + port + "/" + database + "?user=" + USER;
    }

    /** Stops the server at once (a shutdown hook: nothing needs to be kept) and removes its folder. */
    public void kill() throws IOException {
        stop("immediate");
    }

    /** Stops the server (its connections closed, its data written) and removes its folder. */
    @Override
    public void close() throws IOException {
        stop("fast");
    }

    private void stop(String mode) throws IOException {
        run(
                List.of(
                        bin.resolve("pg_ctl").toString(),
                        "-D",
                        home.resolve("data").toString(),
                        "-m",
                        mode,
                        "-w",
                        "stop"),
                root,
                60);
        run(List.of("rm", "-rf", home.toString()), false, 60);
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Runs a tool, as the postgres user when asked; fails naming it and its output. */
    private static void run(List<String> command, boolean asPostgres, int timeoutSeconds) throws IOException {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", USER, "--"));
        }
        full.addAll(command);
        Path output = Files.createTempFile("xephang-pg-tool", ".out");
        try {
            Process process = new ProcessBuilder(full)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish within " + timeoutSeconds + " s");
            }
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): "
                        + Files.readString(output).strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
