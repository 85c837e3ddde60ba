package org.xephang.core.backend.portal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The province's online booking portal ({@code dossier.portal} in the centre YAML, docs/adr/0030-portal-import.md):
 * which shape it speaks and where. Validated here, every problem naming its key; the key never printed.
 *
 * <ul>
 *   <li>Essentials: {@code style} ({@code none}, {@code generic} or {@code dvcqg}), {@code url}.
 *   <li>Frequently used: {@code apiKey} (generic: sent in {@code X-Api-Key}), {@code units} (dvcqg: our site code →
 *       the portal's {@code madonvi}; default the site code), {@code services} (the portal's field code → ours;
 *       default the same code).
 *   <li>Rarely used: {@code timeout} (default {@value #DEFAULT_TIMEOUT_SECONDS} s per request), {@code attempts}
 *       (default {@value #DEFAULT_ATTEMPTS}: a timeout, a 5xx or a 429 is tried again, after its {@code Retry-After}
 *       when it gives one of at most {@value #LONGEST_RETRY_AFTER_SECONDS} s).
 * </ul>
 */
public record PortalConfig(
        String style,
        String url,
        String apiKey,
        Map<String, String> units,
        Map<String, String> services,
        Duration timeout,
        int attempts) {

    public static final int DEFAULT_TIMEOUT_SECONDS = 5;
    public static final int DEFAULT_ATTEMPTS = 3;
    public static final int LONGEST_RETRY_AFTER_SECONDS = 30;
    public static final List<String> STYLES = List.of("none", "generic", "dvcqg");

    public PortalConfig {
        style = style == null ? "none" : style;
        units = units == null ? Map.of() : Map.copyOf(units);
        services = services == null ? Map.of() : Map.copyOf(services);
        timeout = timeout == null ? Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS) : timeout;
        attempts = attempts <= 0 ? DEFAULT_ATTEMPTS : attempts;
        List<String> problems = new ArrayList<>();
        if (!STYLES.contains(style)) {
            problems.add("dossier.portal.style: must be none, generic or dvcqg, got \"" + style + "\"");
        } else if (!"none".equals(style)
                && (url == null || !(url.startsWith("http://") || url.startsWith("https://")))) {
            problems.add("dossier.portal.url: an http:// or https:// URL is required for style " + style);
        }
        if (attempts > 10) {
            problems.add("dossier.portal.attempts: 1 to 10, got " + attempts);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
    }

    /** No portal: imports answer "not connected". */
    public static PortalConfig none() {
        return new PortalConfig("none", null, null, null, null, null, 0);
    }

    public boolean enabled() {
        return !"none".equals(style);
    }

    @Override
    public String toString() {
        return "PortalConfig[style=" + style + ", url=" + url + ", apiKey=" + (apiKey == null ? "none" : "***")
                + ", units=" + units + ", services=" + services + ", timeout=" + timeout + ", attempts=" + attempts
                + "]";
    }
}
