package org.xephang.core.backend.lookup;

import io.vertx.core.Future;

/**
 * Asks one dossier system for a dossier's status and normalises the answer. Implementations are non-blocking (Vert.x
 * WebClient) and may be called from any event-loop thread; they fail with a {@link DossierLookupException} naming the
 * reason, never with a raw parsing exception. They never log the owner's name, ID or phone numbers.
 */
public interface DossierStatusProvider {

    /** {@code code} is already normalised ({@link DossierCode#normalise}). */
    Future<DossierStatus> lookup(String code);

    /** A short name of the style for logs and the {@code source} field. */
    String style();
}
