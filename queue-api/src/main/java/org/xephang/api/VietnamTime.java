package org.xephang.api;

import java.time.ZoneId;

/**
 * Vietnam's time zone (UTC+7, no daylight saving): a site's zone when its configuration names none, the zone an agent
 * falls back to before it knows the site's, and the zone of the dates the national dossier systems write without an
 * offset. The one place its name is written.
 */
public final class VietnamTime {

    /** The IANA name, as the centre YAML's {@code timeZone} and {@link SiteInfo#timeZone()} write it. */
    public static final String ZONE_ID = "Asia/Ho_Chi_Minh";

    public static final ZoneId ZONE = ZoneId.of(ZONE_ID);

    private VietnamTime() {}
}
