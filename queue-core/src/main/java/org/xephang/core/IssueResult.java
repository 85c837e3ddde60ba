package org.xephang.core;

import org.xephang.api.Ticket;

/** The issued ticket; {@code replayed} when an earlier request with the same idempotency key had made it (HTTP 200). */
public record IssueResult(Ticket ticket, boolean replayed) {}
