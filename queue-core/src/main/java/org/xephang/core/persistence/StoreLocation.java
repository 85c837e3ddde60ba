package org.xephang.core.persistence;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where the queue state lives: {@code sqlite:DIR} (the file {@code xephang.db} in DIR, or a {@code .db} file named
 * directly) or {@code postgresql://HOST[:PORT]/DB?user=…&password=…}. The value of {@code --store}; {@link #toString()}
 * never shows a password, so it may be logged.
 */
public sealed interface StoreLocation permits StoreLocation.Sqlite, StoreLocation.Postgres {

    /** The PostgreSQL port when the URL names none. */
    int POSTGRES_DEFAULT_PORT = 5432;

    /** What is safe to show and log: the kind and place, never a password. */
    @Override
    String toString();

    /** One office's SQLite file. */
    record Sqlite(Path file) implements StoreLocation {
        public Sqlite {
            Objects.requireNonNull(file, "file");
        }

        /** The file {@code xephang.db} in a data folder. */
        public static Sqlite inFolder(Path dataDir) {
            return new Sqlite(dataDir.resolve(SqliteStore.FILE_NAME));
        }

        public Path folder() {
            Path parent = file.toAbsolutePath().getParent();
            return parent == null ? Path.of(".") : parent;
        }

        @Override
        public String toString() {
            return "sqlite:" + file;
        }
    }

    /**
     * A PostgreSQL database.
     *
     * @param options further pgjdbc connection properties from the URL query (e.g. {@code sslmode}), in order
     */
    record Postgres(String host, int port, String database, String user, String password, Map<String, String> options)
            implements StoreLocation {
        public Postgres {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("the PostgreSQL URL names no host");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("the PostgreSQL port must be from 1 to 65535, got " + port);
            }
            if (database == null || database.isBlank()) {
                throw new IllegalArgumentException("the PostgreSQL URL names no database (…/DB)");
            }
            if (user == null || user.isBlank()) {
                throw new IllegalArgumentException("the PostgreSQL URL names no user (?user=…)");
            }
            options = Map.copyOf(options);
        }

        /** The pgjdbc URL, without user and password (they go as properties). */
        public String jdbcUrl() {
            StringBuilder url = new StringBuilder("jdbc:postgresql://")
                    .append(host.contains(":") ? "[" + host + "]" : host)
                    .append(':')
                    .append(port)
                    .append('/')
                    .append(database);
            return url.toString();
        }

        /** The same server, another database (tests and {@code migrate} create databases next to it). */
        public Postgres withDatabase(String other) {
            return new Postgres(host, port, other, user, password, options);
        }

        @Override
        public String toString() {
            return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
        }
    }

    /**
     * Reads a {@code --store} value.
     *
     * @throws IllegalArgumentException with the reason, for the one line that names the option
     */
    static StoreLocation parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no store given: use sqlite:DIR or postgresql://HOST:PORT/DB?user=…");
        }
        String value = text.strip();
        if (value.startsWith("sqlite:")) {
            return sqlite(value.substring("sqlite:".length()));
        }
        if (value.startsWith("postgresql://") || value.startsWith("postgres://")) {
            return postgres(value);
        }
        if (value.startsWith("jdbc:postgresql://")) {
            return postgres(value.substring("jdbc:".length()));
        }
        throw new IllegalArgumentException(
                "\"" + shown(value) + "\" is neither sqlite:DIR nor postgresql://HOST:PORT/DB?user=…&password=…");
    }

    private static Sqlite sqlite(String pathText) {
        if (pathText.isBlank()) {
            throw new IllegalArgumentException("sqlite: needs a folder or a .db file, e.g. sqlite:data");
        }
        Path path;
        try {
            path = Path.of(pathText);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("\"" + pathText + "\" is not a valid path: " + e.getReason(), e);
        }
        if (Files.isRegularFile(path) || (!Files.isDirectory(path) && pathText.endsWith(".db"))) {
            return new Sqlite(path);
        }
        return Sqlite.inFolder(path);
    }

    private static Postgres postgres(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the PostgreSQL URL is not a valid URL: " + e.getReason(), e);
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        Map<String, String> options = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                String[] kv = pair.split("=", 2);
                String key = decode(kv[0]);
                String val = kv.length > 1 ? decode(kv[1]) : "";
                switch (key) {
                    case "user" -> user = val;
                    case "password" -> password = val;
                    default -> options.put(key, val);
                }
            }
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String database = path.startsWith("/") ? path.substring(1) : path;
        int port = uri.getPort() == -1 ? POSTGRES_DEFAULT_PORT : uri.getPort();
        return new Postgres(uri.getHost(), port, database, user, password, options);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** The value without what follows {@code password=}, for an error message. */
    private static String shown(String value) {
        return value.replaceAll("(?i)(password=)[^&]*", "$1***").replaceAll("//([^:/@]*):[^@/]*@", "//$1:***@");
    }
}
