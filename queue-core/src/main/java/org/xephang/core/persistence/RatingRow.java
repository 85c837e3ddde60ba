package org.xephang.core.persistence;

import java.time.Instant;

/**
 * A stored rating with everything the statistics group by.
 *
 * @param nationalLevel 1 Rất hài lòng, 2 Hài lòng, 3 Không hài lòng
 * @param device the keypad, or null when an officer entered it
 */
public record RatingRow(
        String ticketId,
        String site,
        String service,
        Integer counter,
        String officer,
        int nativeLevel,
        int scale,
        int nationalLevel,
        String device,
        Instant ratedAt,
        String dossierCode) {}
