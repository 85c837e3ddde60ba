package org.xephang.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The one icon of every xephang page (a white ticket on the site's blue), served by each page's router at
 * {@code favicon.svg} so no page load ends in a 404.
 */
public final class Favicon {

    /** The path every page links to, relative to the page's own folder. */
    public static final String PATH = "/favicon.svg";

    public static final String CONTENT_TYPE = "image/svg+xml";

    /** A day: the icon changes only with a release. */
    public static final String CACHE_CONTROL = "public, max-age=86400";

    private static final byte[] SVG = load();

    private Favicon() {}

    /** The SVG's bytes (a copy; cheap, the icon is a few hundred bytes). */
    public static byte[] svg() {
        return SVG.clone();
    }

    private static byte[] load() {
        try (InputStream in = Favicon.class.getResourceAsStream("favicon.svg")) {
            if (in == null) {
                throw new IllegalStateException("favicon.svg missing from the queue-api jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
