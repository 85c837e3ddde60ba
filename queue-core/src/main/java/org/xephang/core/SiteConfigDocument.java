package org.xephang.core;

import java.time.Instant;
import java.util.Map;

/**
 * A site's whole configuration as the store keeps it (issue #14): the keys of one {@code sites:} entry of the YAML file
 * (docs/configuration.md), with the version that a change must name ({@code PUT /api/v1/admin/sites/{site}}).
 *
 * @param document maps, lists and scalars, as JSON reads them
 */
public record SiteConfigDocument(
        String site, long version, Map<String, Object> document, Instant savedAt, String savedBy) {

    public SiteConfigDocument {
        document = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(document));
    }
}
