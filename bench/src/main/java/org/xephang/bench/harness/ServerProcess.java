package org.xephang.bench.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code xephang server} as a child JVM on loopback, started from this JVM's classpath exactly as {@code ./xephang
 * server --config FILE --port 0 --data DIR --host 127.0.0.1 --always-open} would run it (loopback only). Ready when it prints {@code listening on
 * http://127.0.0.1:PORT}; its output goes to a log file. {@link #kill()} is SIGKILL (the crash harness); {@link
 * #close()} asks politely first.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServerProcess.class);
    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:(\\d+))");
    private static final String MAIN_CLASS = "org.xephang.launcher.Xephang";

    /**
     * The server's garbage-collector options, as {@code xephang server} starts it ({@code ./xephang} and the installed
     * {@code bin/xephang}; docs/adr/0040-young-pauses-that-grow-with-the-day.md), so that a bench measures the server
     * as it runs; a scenario's {@code --server-jvm-opt} comes after them and wins. No collector is named (G1 is the
     * JVM's own choice on 2 cores and 2 GB, and a scenario's {@code -XX:+UseSerialGC} must not meet a second one), and
     * the {@link #HEAP_FLOOR} is left out under a scenario's own ceiling ({@link #serverJavaOptions}).
     */
    public static final List<String> SERVER_JAVA_OPTIONS =
            List.of("-XX:MaxTenuringThreshold=1", "-XX:MaxGCPauseMillis=50");

    /** The server's minimum heap, so that G1 does not shrink to ~100 MB and collect several times a second. */
    public static final String HEAP_FLOOR = "-Xms1g";

    /**
     * The server's options before {@code userOptions}: the floor only when they set no ceiling ({@code -Xmx320m}), as
     * the scripts do, since the JVM refuses to start with a minimum above its maximum.
     */
    public static List<String> serverJavaOptions(List<String> userOptions) {
        boolean ceiling = userOptions.stream().anyMatch(o -> o.startsWith("-Xmx") || o.contains("MaxHeapSize="));
        List<String> options = new ArrayList<>();
        if (!ceiling) {
            options.add(HEAP_FLOOR);
        }
        options.addAll(SERVER_JAVA_OPTIONS);
        return options;
    }

    private final Process process;
    private final URI baseUri;
    private final Duration startup;
    private final Path logFile;

    private ServerProcess(Process process, URI baseUri, Duration startup, Path logFile) {
        this.process = process;
        this.baseUri = baseUri;
        this.startup = startup;
        this.logFile = logFile;
    }

    /**
     * How to start the server. {@code jvmOptions} go before the main class (heap, JFR, …); {@code port} 0 picks a free
     * one (a restart on the same port keeps an agent's server URL); {@code cpus}, when not null, pins the server to
     * those CPUs ({@code taskset -c}), e.g. "1" with the load generator on CPU 0.
     */
    public record Launch(
            Path config, Path dataDir, Path logFile, List<String> jvmOptions, int port, String cpus, String store) {
        public Launch {
            jvmOptions = List.copyOf(jvmOptions);
        }

        public Launch(Path config, Path dataDir, Path logFile, List<String> jvmOptions, int port, String cpus) {
            this(config, dataDir, logFile, jvmOptions, port, cpus, null);
        }

        public Launch(Path config, Path dataDir, Path logFile, List<String> jvmOptions) {
            this(config, dataDir, logFile, jvmOptions, 0, null);
        }

        /** The same launch on another store ({@code --store}; null: SQLite in the data folder). */
        public Launch onStore(String storeUrl) {
            return new Launch(config, dataDir, logFile, jvmOptions, port, cpus, storeUrl);
        }

        public Launch(Path config, Path dataDir, Path logFile) {
            this(config, dataDir, logFile, List.of());
        }

        /** The same launch on a fixed port. */
        public Launch onPort(int fixed) {
            return new Launch(config, dataDir, logFile, jvmOptions, fixed, cpus, store);
        }

        /** The same launch, pinned to {@code cpus} (null: not pinned). */
        public Launch pinnedTo(String cpus) {
            return new Launch(config, dataDir, logFile, jvmOptions, port, cpus, store);
        }
    }

    /** Starts the server and waits until it listens; fails with the end of its log when it dies or is too slow. */
    public static ServerProcess start(Launch launch, Duration readyTimeout) throws IOException, InterruptedException {
        Files.createDirectories(launch.dataDir());
        List<String> arguments = new ArrayList<>(List.of(
                "server",
                "--config",
                launch.config().toString(),
                "--port",
                String.valueOf(launch.port()),
                "--data",
                launch.dataDir().toString(),
                "--host",
                "127.0.0.1",
                "--always-open"));
        if (launch.store() != null) {
            arguments.addAll(List.of("--store", launch.store()));
        }
        return start(launch.jvmOptions(), arguments, launch.logFile(), null, launch.cpus(), readyTimeout);
    }

    /**
     * Starts a node of a cluster with exactly {@code arguments} ({@code server … --port P --cluster …}) and waits until
     * {@code baseUri} answers HTTP, whatever the status: a standby node answers 503 (and prints no {@code listening
     * on}) until it takes sites over. Fails with the end of its log when it dies or is too slow.
     */
    public static ServerProcess startNode(
            List<String> jvmOptions, List<String> arguments, URI baseUri, Path logFile, Duration readyTimeout)
            throws IOException, InterruptedException {
        return start(jvmOptions, arguments, logFile, baseUri, null, readyTimeout);
    }

    private static ServerProcess start(
            List<String> jvmOptions,
            List<String> arguments,
            Path logFile,
            URI fixedUri,
            String cpus,
            Duration readyTimeout)
            throws IOException, InterruptedException {
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        List<String> command = new ArrayList<>();
        if (cpus != null) {
            command.addAll(List.of("taskset", "-c", cpus));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dfile.encoding=UTF-8");
        command.addAll(serverJavaOptions(jvmOptions));
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MAIN_CLASS);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        long startedAt = System.nanoTime();
        Process process = builder.start();
        CompletableFuture<URI> ready = new CompletableFuture<>();
        Deque<String> tail = new ArrayDeque<>();
        Thread pump = new Thread(
                () -> pump(process, logFile, fixedUri == null ? ready : new CompletableFuture<>(), tail),
                "server-output-" + process.pid());
        pump.setDaemon(true);
        pump.start();
        try {
            URI uri = fixedUri == null
                    ? ready.get(readyTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    : answering(process, fixedUri, readyTimeout);
            Duration startup = Duration.ofNanos(System.nanoTime() - startedAt);
            log.debug("server pid {} ready at {} after {} ms", process.pid(), uri, startup.toMillis());
            return new ServerProcess(process, uri, startup, logFile);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            pump.join(2000);
            String why = e instanceof TimeoutException
                    ? (fixedUri == null
                            ? "did not print 'listening on' within " + readyTimeout.toSeconds() + " s"
                            : "did not answer on " + fixedUri + " within " + readyTimeout.toSeconds() + " s")
                    : e.getCause().getMessage();
            synchronized (tail) {
                throw new IOException(
                        "xephang server " + why + "; log " + logFile + " ends with:\n" + String.join("\n", tail));
            }
        }
    }

    /** Polls {@code uri}/health/live until any HTTP answer comes; fails when the process exits or time is up. */
    private static URI answering(Process process, URI uri, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new ExecutionException(
                        new IOException("exited with code " + process.exitValue() + " before answering"));
            }
            try {
                http.send(
                        HttpRequest.newBuilder(uri.resolve("/health/live"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                return uri;
            } catch (IOException notYet) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
        throw new TimeoutException();
    }

    private static void pump(Process process, Path logFile, CompletableFuture<URI> ready, Deque<String> tail) {
        try (BufferedReader reader =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                Writer writer = Files.newBufferedWriter(
                        logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            String line;
            while ((line = reader.readLine()) != null) {
                writer.write(line);
                writer.write('\n');
                writer.flush();
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > 40) {
                        tail.removeFirst();
                    }
                }
                Matcher m = LISTENING.matcher(line);
                if (!ready.isDone() && m.find()) {
                    ready.complete(URI.create(m.group(1)));
                }
            }
            ready.completeExceptionally(new IOException("exited with code " + process.waitFor() + " before listening"));
        } catch (IOException e) {
            ready.completeExceptionally(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ready.completeExceptionally(e);
        }
    }

    public URI baseUri() {
        return baseUri;
    }

    public int port() {
        return baseUri.getPort();
    }

    public long pid() {
        return process.pid();
    }

    /** From the start of the JVM to the {@code listening on} line. */
    public Duration startupTime() {
        return startup;
    }

    public Path logFile() {
        return logFile;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Resident memory of the server process in KiB, from {@code /proc/PID/status}; -1 when not available. */
    public long residentKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            log.warn("cannot read the resident memory of pid {}: {}", process.pid(), e.toString());
        }
        return -1;
    }

    /**
     * CPU time the server process used so far (user + system, all threads) in milliseconds, from {@code
     * /proc/PID/stat} at the kernel's 100 ticks per second; -1 when not available. On a shared machine, CPU per
     * request is a steadier figure than requests per second.
     */
    public long cpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // Fields after the command name (which is in parentheses and may hold spaces): state is field 3.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 10;
        } catch (IOException | RuntimeException e) {
            log.warn("cannot read the CPU time of pid {}: {}", process.pid(), e.toString());
            return -1;
        }
    }

    /** The server's CPU time so far split as {user, system} milliseconds ({@code /proc/PID/stat}); -1s when unknown. */
    public long[] cpuMillisUserSystem() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(fields[11]) * 10, Long.parseLong(fields[12]) * 10};
        } catch (IOException | RuntimeException e) {
            log.warn("cannot read the CPU time of pid {}: {}", process.pid(), e.toString());
            return new long[] {-1, -1};
        }
    }

    /** SIGKILL, no warning: what a power cut or the OOM killer does. Waits until the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("server pid " + process.pid() + " survived SIGKILL for 30 s");
        }
    }

    /** SIGTERM, then SIGKILL after 15 s. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            log.warn("server pid {} ignored SIGTERM for 15 s; killing it", process.pid());
            kill();
        }
    }
}
