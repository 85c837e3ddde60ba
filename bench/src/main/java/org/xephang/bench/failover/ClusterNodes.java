package org.xephang.bench.failover;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.bench.harness.ServerProcess;

/**
 * The nodes of the run's cluster, each {@code xephang server --cluster} as its own JVM on 127.0.0.1 over the run's
 * PostgreSQL. A node keeps its HTTP port for the whole run (the agents' URL list names it) and takes a new cluster port
 * at every start (the port of a SIGKILLed member can stay in TIME_WAIT), listing the live others' ones as members.
 * Not thread-safe: driven by the run's main thread.
 */
final class ClusterNodes implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterNodes.class);
    private static final Duration READY = Duration.ofSeconds(120);
    private static final int ATTEMPTS = 3;

    private final Path config;
    private final String storeUrl;
    private final Path workDir;
    private final List<String> jvmOptions;
    private final int[] httpPorts;
    private final int[] clusterPorts;
    private final int[] starts;
    private final ServerProcess[] processes;

    ClusterNodes(int count, Path config, String storeUrl, Path workDir, List<String> jvmOptions) throws IOException {
        this.config = config;
        this.storeUrl = storeUrl;
        this.workDir = workDir;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.httpPorts = new int[count];
        this.clusterPorts = new int[count];
        this.starts = new int[count];
        this.processes = new ServerProcess[count];
        // One token signing key for every node, as docs/scale-out.md advises: a device's token stays valid on the node
        // that takes its site over (else every device signs in again at once, into the login throttle).
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        for (int i = 0; i < count; i++) {
            httpPorts[i] = freePort();
            clusterPorts[i] = freePort();
            Path data = Files.createDirectories(dataDir(i));
            Path keyFile = Files.writeString(
                    data.resolve("token-signing.key"), Base64.getEncoder().encodeToString(key) + "\n");
            Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private Path dataDir(int node) {
        return workDir.resolve("node-" + (node + 1));
    }

    int size() {
        return processes.length;
    }

    URI url(int node) {
        return URI.create("http://127.0.0.1:" + httpPorts[node]);
    }

    /** Every node's URL, comma-separated: what the agents are given. */
    String urls() {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            urls.add(url(i).toString());
        }
        return String.join(",", urls);
    }

    /**
     * Starts the nodes one after the other (the first forms the cluster and owns the sites, the others join it), each
     * waited for until it answers HTTP.
     */
    void startAll() throws Exception {
        for (int i = 0; i < size(); i++) {
            restart(i);
        }
    }

    /** Starts {@code node} again (after a kill) and waits until it answers HTTP. */
    void restart(int node) throws Exception {
        processes[node] = launch(node);
    }

    /** SIGKILL. */
    void kill(int node) throws InterruptedException {
        processes[node].kill();
    }

    boolean alive(int node) {
        return processes[node] != null && processes[node].alive();
    }

    /** The node named by a lease's owner ({@code HOST:CLUSTERPORT/start}), or -1 when none of the current ones. */
    int nodeOfOwner(String owner) {
        for (int i = 0; i < size(); i++) {
            if (owner != null && owner.startsWith("127.0.0.1:" + clusterPorts[i] + "/")) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Starts a node; a start that fails (on a loaded machine joining the cluster can take longer than the node waits)
     * is tried again on a new cluster port, up to {@link #ATTEMPTS} times.
     */
    private ServerProcess launch(int node) throws Exception {
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            clusterPorts[node] = freePort();
            int start = ++starts[node];
            Path log = workDir.resolve("node-" + (node + 1) + "-start-" + start + ".log");
            try {
                return ServerProcess.startNode(jvmOptions, arguments(node), url(node), log, READY);
            } catch (IOException failed) {
                LOG.warn(
                        "Node {} did not start (attempt {} of {}): {}",
                        node + 1,
                        attempt,
                        ATTEMPTS,
                        failed.getMessage());
                last = failed;
            }
        }
        throw last;
    }

    private List<String> arguments(int node) {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            if (i != node && alive(i)) {
                // Only live members: joining through a member that is down takes Hazelcast its whole join time.
                members.add("127.0.0.1:" + clusterPorts[i]);
            }
        }
        List<String> arguments = new ArrayList<>(List.of(
                "server",
                "--config",
                config.toString(),
                "--store",
                storeUrl,
                "--data",
                dataDir(node).toString(),
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(httpPorts[node]),
                "--always-open",
                "--cluster",
                "--cluster-host",
                "127.0.0.1",
                "--cluster-port",
                Integer.toString(clusterPorts[node])));
        if (!members.isEmpty()) {
            arguments.add("--cluster-members");
            arguments.add(String.join(",", members));
        }
        return arguments;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** SIGTERM to every live node (SIGKILL after 15 s). */
    @Override
    public void close() throws InterruptedException {
        for (ServerProcess process : processes) {
            if (process != null) {
                process.close();
            }
        }
    }
}
