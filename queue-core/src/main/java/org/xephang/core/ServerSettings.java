package org.xephang.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.xephang.core.auth.AuditTrail;
import org.xephang.core.site.ConfigException;

/**
 * The {@code server:} section of the centre YAML (issue #13): which other origins' pages may call the API (CORS), HTTPS
 * from a PEM certificate and key or a PKCS#12 keystore, and how long the audit log keeps its entries. Every problem is
 * reported at once, naming its key; a secret may be {@code env:NAME}.
 *
 * <pre>{@code
 * server:
 *   cors:
 *     allowedOrigins: ["https://quantri.tinh.gov.vn", "http://127.0.0.1:*"]
 *   tls:
 *     certificate: /etc/xephang/tls/fullchain.pem
 *     privateKey: /etc/xephang/tls/privkey.pem
 *     # or: keystore: /etc/xephang/tls/server.p12, keystorePassword: env:XEPHANG_KEYSTORE_PASSWORD
 *   audit:
 *     keepDays: 400
 * }</pre>
 *
 * @param allowedOrigins origins ({@code scheme://host[:port]}, the port may be {@code *}) whose pages may call the
 *     API; empty (the default) for the server's own pages only
 * @param tls HTTPS, or null for plain HTTP (or the command line's {@code --tls-cert})
 * @param auditRetention how long audit entries are kept (400 days by default)
 */
public record ServerSettings(List<String> allowedOrigins, Tls tls, Duration auditRetention) {

    /** HTTPS: a PEM certificate chain and key, or a PKCS#12 keystore and its password. */
    public record Tls(Path certificate, Path privateKey, Path keystore, String keystorePassword) {}

    private static final Pattern ORIGIN = Pattern.compile("(https?)://[A-Za-z0-9.-]+(:(\\d{1,5}|\\*))?");
    private static final int MAX_KEEP_DAYS = 3660;

    public ServerSettings {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** No {@code server:} section: same origin only, TLS from the command line if any, audit kept 400 days. */
    public static ServerSettings defaults() {
        return new ServerSettings(List.of(), null, AuditTrail.DEFAULT_RETENTION);
    }

    /** Reads the file's {@code server:} section. */
    public static ServerSettings read(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), List.of("cannot read the file: " + e.getMessage()));
        }
        return parse(
                text, file.toString(), System::getenv, file.toAbsolutePath().getParent());
    }

    /**
     * Reads the {@code server:} section of YAML text; relative file names are read from {@code base}, {@code
     * env:NAME} values from {@code environment}.
     */
    public static ServerSettings parse(String yaml, String source, Function<String, String> environment, Path base)
            throws ConfigException {
        Object tree;
        try {
            tree = new Load(LoadSettings.builder().setLabel(source).build()).loadFromString(yaml);
        } catch (YamlEngineException e) {
            throw new ConfigException(source, List.of("not valid YAML: " + e.getMessage()));
        }
        if (!(tree instanceof Map<?, ?> root) || root.get("server") == null) {
            return defaults();
        }
        List<String> problems = new ArrayList<>();
        Map<?, ?> server = section(root.get("server"), "server", Set.of("cors", "tls", "audit"), problems);
        List<String> origins = new ArrayList<>();
        Map<?, ?> cors = section(server.get("cors"), "server.cors", Set.of("allowedOrigins"), problems);
        Object list = cors.get("allowedOrigins");
        if (list != null && !(list instanceof List<?>)) {
            problems.add(
                    "server.cors.allowedOrigins: must be a list of origins such as \"https://quantri.tinh.gov.vn\"");
        } else if (list != null) {
            int i = 0;
            for (Object origin : (List<?>) list) {
                String text = origin == null ? "" : origin.toString().strip();
                if (text.equals("*")) {
                    problems.add("server.cors.allowedOrigins[" + i + "]: \"*\" (every origin) is not allowed; name the"
                            + " origins of the pages that call the API");
                } else if (!ORIGIN.matcher(text).matches()) {
                    problems.add("server.cors.allowedOrigins[" + i + "]: must be scheme://host[:port] (the port may"
                            + " be *), without a path, got \"" + text + "\"");
                } else {
                    origins.add(text);
                }
                i++;
            }
        }
        Tls tls = null;
        if (server.get("tls") != null) {
            Map<?, ?> tlsNode = section(
                    server.get("tls"),
                    "server.tls",
                    Set.of("certificate", "privateKey", "keystore", "keystorePassword"),
                    problems);
            Path certificate = file(tlsNode, "certificate", base, problems);
            Path privateKey = file(tlsNode, "privateKey", base, problems);
            Path keystore = file(tlsNode, "keystore", base, problems);
            String password = tlsNode.get("keystorePassword") == null
                    ? null
                    : secret(tlsNode.get("keystorePassword").toString(), environment, problems);
            boolean pem = certificate != null || privateKey != null;
            if (pem && keystore != null) {
                problems.add(
                        "server.tls: give either certificate and privateKey (PEM) or keystore (PKCS#12), not both");
            } else if (pem && (certificate == null || privateKey == null)) {
                problems.add("server.tls: certificate and privateKey go together (the PEM chain and its key)");
            } else if (!pem && keystore == null) {
                problems.add("server.tls: needs certificate and privateKey (PEM) or keystore (PKCS#12)");
            } else if (keystore != null && password == null) {
                problems.add("server.tls.keystorePassword: is required with keystore (may be env:NAME)");
            }
            tls = new Tls(certificate, privateKey, keystore, password);
        }
        Duration retention = AuditTrail.DEFAULT_RETENTION;
        Map<?, ?> audit = section(server.get("audit"), "server.audit", Set.of("keepDays"), problems);
        if (audit.get("keepDays") != null) {
            if (audit.get("keepDays") instanceof Integer days && days >= 1 && days <= MAX_KEEP_DAYS) {
                retention = Duration.ofDays(days);
            } else {
                problems.add("server.audit.keepDays: must be a whole number of days from 1 to " + MAX_KEEP_DAYS
                        + ", got " + audit.get("keepDays"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
        return new ServerSettings(origins, tls, retention);
    }

    private static Map<?, ?> section(Object node, String path, Set<String> allowed, List<String> problems) {
        if (node == null) {
            return Map.of();
        }
        if (!(node instanceof Map<?, ?> map)) {
            problems.add(path + ": must be a mapping with keys " + String.join(", ", new TreeSet<>(allowed)));
            return Map.of();
        }
        for (Object key : map.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                problems.add(path + "." + key + ": unknown key; allowed: " + String.join(", ", new TreeSet<>(allowed)));
            }
        }
        return map;
    }

    private static Path file(Map<?, ?> node, String key, Path base, List<String> problems) {
        Object value = node.get(key);
        if (value == null) {
            return null;
        }
        Path path = base == null ? Path.of(value.toString()) : base.resolve(value.toString());
        if (!Files.isReadable(path)) {
            problems.add("server.tls." + key + ": cannot read " + path);
            return null;
        }
        return path;
    }

    private static String secret(String value, Function<String, String> environment, List<String> problems) {
        if (!value.startsWith("env:")) {
            return value;
        }
        String name = value.substring("env:".length());
        String resolved = environment.apply(name);
        if (resolved == null) {
            problems.add("server.tls.keystorePassword: the environment variable " + name + " is not set");
        }
        return resolved;
    }
}
