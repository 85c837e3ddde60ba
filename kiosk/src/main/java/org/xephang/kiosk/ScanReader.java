package org.xephang.kiosk;

import io.vertx.core.json.JsonObject;

/**
 * Makes sense of what a barcode scanner read: {@code {"kind":"dossier","code"}}, {@code {"kind":"ticket",
 * "ticketId"}} or {@code {"kind":"unreadable","message"}} (plain Vietnamese). Pure; thread-safe.
 */
@FunctionalInterface
interface ScanReader {
    JsonObject read(String payload);
}
