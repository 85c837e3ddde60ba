/**
 * The queue engine: {@link org.xephang.core.engine.QueueEngine}, the one writer of every configured site's state.
 *
 * <pre>{@code
 * CentreConfig config = CentreConfigLoader.load(Path.of("examples/centre.yaml"));   // ConfigException lists problems
 * try (QueueEngine engine = QueueEngine.open(config, Path.of("data"), Clock.systemUTC(),
 *         new EngineOptions(false, "http://192.168.1.10:8080"))) {                  // blocking: opens SQLite, rebuilds
 *     Subscription sub = engine.subscribe("demo", event -> buffer.offer(event));    // on the writer thread: don't block
 *     QueueSnapshot first = sub.snapshot();                                         // events follow with seq + 1, + 2…
 *     engine.issue("demo", new IssueCommand("C", null, "kiosk", key), actor)        // completes after the commit
 *           .whenComplete((result, error) -> …);                                    // error: a QueueError (code, message)
 * }
 * }</pre>
 *
 * Inside, each site is a {@code SiteQueue}: its {@code SiteState} (memory and the copy published to queries), its
 * {@code SiteEvents} (the event log and the subscribers), the {@code OfficerRule} (who may act at which counter), the
 * commands ({@code TicketCommands}, {@code CounterCommands}, {@code DeviceReports}, with their input checks in {@code
 * CommandChecks}) and {@code SiteHousekeeping} (the day rollover and the expiry of unanswered calls).
 *
 * <p>Stages complete on the writer thread: Vert.x callers hop back with {@code Future.fromCompletionStage(stage,
 * context)}. The dossier forwarder uses {@link org.xephang.core.engine.QueueEngine#outbox()}; metrics may read
 * {@link org.xephang.core.engine.QueueEngine#transactions()} and {@code committedCommands()}.
 */
package org.xephang.core.engine;
