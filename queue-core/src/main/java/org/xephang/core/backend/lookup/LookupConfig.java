package org.xephang.core.backend.lookup;

import java.time.Duration;
import java.util.Map;

/**
 * How to reach the dossier system for lookups ({@code dossier.lookup} in the centre YAML, see {@code
 * docs/webhook.md}). {@code style} is {@code none}, {@code generic}, {@code igate} or {@code dvcqg}; the section of
 * that style must be present. Secrets never appear in {@link #toString()}.
 *
 * @param timeout the whole lookup's deadline (3–5 s is right for a kiosk)
 * @param cacheFor how long an answer is reused (about 60 s)
 * @param requestsPerMinute lookups allowed per client and minute; bursts of up to a third of it
 */
public record LookupConfig(
        String style,
        Duration timeout,
        Duration cacheFor,
        int requestsPerMinute,
        Generic generic,
        Igate igate,
        Dvcqg dvcqg) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(4);
    public static final Duration DEFAULT_CACHE = Duration.ofSeconds(60);
    public static final int DEFAULT_REQUESTS_PER_MINUTE = 30;

    public LookupConfig {
        style = style == null ? "none" : style;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        cacheFor = cacheFor == null ? DEFAULT_CACHE : cacheFor;
        requestsPerMinute = requestsPerMinute <= 0 ? DEFAULT_REQUESTS_PER_MINUTE : requestsPerMinute;
    }

    /** No dossier system: every lookup answers 503 "Chưa kết nối hệ thống hồ sơ". */
    public static LookupConfig none() {
        return new LookupConfig("none", null, null, 0, null, null, null);
    }

    /** Generic JSON: {@code url} contains {@code {code}}; {@code bearerToken} is optional. */
    public record Generic(String url, String bearerToken) {
        @Override
        public String toString() {
            return "Generic[url=" + url + ", bearerToken=" + (bearerToken == null ? "none" : "***") + "]";
        }
    }

    /**
     * VNPT iGate: {@code statusIds} maps this deployment's {@code dossierStatus.id} values to 1–10 (optional; names
     * are mapped without it).
     */
    public record Igate(
            String tokenUrl, String clientId, String clientSecret, String searchUrl, Map<String, Integer> statusIds) {
        public Igate {
            statusIds = statusIds == null ? Map.of() : Map.copyOf(statusIds);
        }

        @Override
        public String toString() {
            return "Igate[tokenUrl=" + tokenUrl + ", clientId=" + clientId + ", clientSecret=***, searchUrl="
                    + searchUrl + ", statusIds=" + statusIds + "]";
        }
    }

    /** DVCQG-style gateway. */
    public record Dvcqg(
            String loginUrl, String serviceUrl, String dstcode, String username, String password, String madonvi) {
        @Override
        public String toString() {
            return "Dvcqg[loginUrl=" + loginUrl + ", serviceUrl=" + serviceUrl + ", dstcode=" + dstcode + ", username="
                    + username + ", password=***, madonvi=" + madonvi + "]";
        }
    }
}
