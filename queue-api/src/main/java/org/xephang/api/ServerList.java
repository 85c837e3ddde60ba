package org.xephang.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The queue servers a client may use, in order of preference: one base URL ({@code http://10.0.0.2:8080}) or several
 * nodes of a cluster written with commas ({@code http://10.0.0.11:8080,http://10.0.0.12:8080}), as agents take them in
 * {@code --server} and their JSON configuration. Each must be {@code http(s)://host[:port]} without a path; trailing
 * slashes and blanks around the commas are dropped; a URL given twice is a mistake. Immutable.
 */
public record ServerList(List<URI> urls) {

    public ServerList {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("no server URL");
        }
    }

    /**
     * Reads one URL or several separated by commas.
     *
     * @throws IllegalArgumentException naming the first bad URL and what a good one looks like
     */
    public static ServerList parse(String text) {
        Objects.requireNonNull(text, "server URL");
        List<URI> urls = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            urls.add(url(part.strip()));
        }
        if (new LinkedHashSet<>(urls).size() != urls.size()) {
            throw new IllegalArgumentException("must list each server once, got " + text.strip());
        }
        return new ServerList(urls);
    }

    /** The problem with {@code text} as a server list (for configuration readers), or empty when it is good. */
    public static Optional<String> problem(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of(
                    "must be an http:// or https:// URL (http://host[:port] without a path, several separated"
                            + " by commas), got " + (text == null ? "nothing" : "\"" + text + "\""));
        }
        try {
            parse(text);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The list written back as a client takes it: URLs without trailing slashes, joined by commas. */
    public static String normalise(String text) {
        return parse(text).toString();
    }

    private static URI url(String text) {
        String trimmed = text.replaceAll("/+$", "");
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw bad(text);
        }
        boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
        if (!web
                || uri.getHost() == null
                || (uri.getPath() != null && !uri.getPath().isEmpty())
                || uri.getQuery() != null
                || uri.getFragment() != null
                || uri.getUserInfo() != null) {
            throw bad(text);
        }
        return uri;
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException("must be an http:// or https:// URL (http://host[:port] without a path,"
                + " several separated by commas), got \"" + text + "\"");
    }

    /** How many servers. */
    public int size() {
        return urls.size();
    }

    /** The first server. */
    public URI first() {
        return urls.get(0);
    }

    @Override
    public String toString() {
        return String.join(",", urls.stream().map(URI::toString).toList());
    }
}
