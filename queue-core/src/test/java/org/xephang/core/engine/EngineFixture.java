package org.xephang.core.engine;

import java.nio.file.Path;
import java.time.LocalDateTime;
import org.xephang.api.Role;
import org.xephang.core.Actor;
import org.xephang.core.site.CentreConfig;
import org.xephang.core.site.CentreConfigLoader;
import org.xephang.core.site.ConfigException;
import org.xephang.testkit.MutableClock;

/** A small site for engine tests: services A (cap 5) and B, counters 1 (A), 2 (A, B), 3 (B). */
final class EngineFixture {

    static final String SITE = "s1";
    static final Actor KIOSK = new Actor("kiosk1", Role.KIOSK);
    static final Actor SUPERVISOR = new Actor("supervisor", Role.SUPERVISOR);

    static final String YAML = """
            sites:
              - code: s1
                name: Bộ phận Một cửa xã Thử
                openingHours:
                  weekdays: ["07:30-11:30", "13:30-17:00"]
                  saturday: ["07:30-11:30"]
                ticketCutoffMinutes: 15
                holidays:
                  - { date: 2026-09-02, name: Quốc khánh }
                services:
                  - { code: A, name: Hộ tịch, dailyCap: 5 }
                  - { code: B, name: Chứng thực, width: 4 }
                counters:
                  - { number: 1, services: [A] }
                  - { number: 2, services: [A, B] }
                  - { number: 3, services: [B] }
            """;

    /** Monday 23 November 2026, 08:00 in Vietnam. */
    static final LocalDateTime MONDAY_MORNING = LocalDateTime.of(2026, 11, 23, 8, 0);

    private EngineFixture() {}

    static CentreConfig config() {
        return config(YAML);
    }

    static CentreConfig config(String yaml) {
        try {
            return CentreConfigLoader.parse(yaml, "fixture");
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    static QueueEngine open(Path dir, MutableClock clock) {
        return QueueEngine.open(config(), dir, clock, new EngineOptions(false, "http://q.test"));
    }

    static Actor officer(int n) {
        return new Actor("officer" + n, Role.OFFICER);
    }
}
