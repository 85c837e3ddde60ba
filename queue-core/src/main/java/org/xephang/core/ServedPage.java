package org.xephang.core;

import java.util.Objects;

/**
 * A page a server serves, as its index at {@code /} lists it: the path it is mounted at, its Vietnamese and English
 * names, and who it is for. Public so that the demo's start-up printout reads the same list ({@link
 * QueueServer#pages()}) without reaching into the HTTP layer.
 */
public record ServedPage(String path, String vietnamese, String english, String forWhom) {
    public ServedPage {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(vietnamese, "vietnamese");
        Objects.requireNonNull(english, "english");
        Objects.requireNonNull(forWhom, "forWhom");
    }
}
