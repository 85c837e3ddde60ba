package org.xephang.core.engine;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The engine's sites by code, in configuration order: read from any thread (the HTTP event loops, the housekeeping),
 * added to on the writer thread when a site is created while running ({@code POST /admin/sites}). Copied on write, so
 * a reader always sees one whole map and never a half-done insertion.
 */
final class SiteMap extends AbstractMap<String, SiteQueue> {

    private volatile Map<String, SiteQueue> current = Map.of();

    @Override
    public Set<Entry<String, SiteQueue>> entrySet() {
        return current.entrySet();
    }

    @Override
    public SiteQueue get(Object code) {
        return current.get(code);
    }

    @Override
    public boolean containsKey(Object code) {
        return current.containsKey(code);
    }

    @Override
    public int size() {
        return current.size();
    }

    @Override
    public synchronized SiteQueue put(String code, SiteQueue site) {
        Map<String, SiteQueue> next = new LinkedHashMap<>(current);
        SiteQueue before = next.put(code, site);
        current = Collections.unmodifiableMap(next);
        return before;
    }
}
