package org.xephang.core.engine;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.api.QueueEvent;
import org.xephang.api.QueueSnapshot;
import org.xephang.api.QueueSnapshot.CounterView;
import org.xephang.api.SiteInfo;
import org.xephang.api.Ticket;
import org.xephang.core.Actor;
import org.xephang.core.DeviceStatusReport;
import org.xephang.core.IssueCommand;
import org.xephang.core.IssueResult;
import org.xephang.core.QueueService;
import org.xephang.core.RatingCommand;
import org.xephang.core.TransferCommand;
import org.xephang.core.site.CentreConfig;
import org.xephang.core.site.SiteConfig;

/** Skeleton: the full engine lands in the next commits; {@link #open} and the queries on configuration work now. */
public final class QueueEngine implements QueueService, AutoCloseable {

    private final CentreConfig config;

    private QueueEngine(CentreConfig config) {
        this.config = config;
    }

    /**
     * Opens the engine: opens (or creates) the SQLite database in {@code dataDir}, migrates it and rebuilds the state.
     * Blocking: call from a worker or from main.
     */
    public static QueueEngine open(CentreConfig config, Path dataDir, Clock clock, EngineOptions options) {
        return new QueueEngine(config);
    }

    private static <T> CompletionStage<T> notYet() {
        return CompletableFuture.failedFuture(new QueueError(ErrorCode.UNAVAILABLE, "Chưa hỗ trợ."));
    }

    private SiteConfig siteConfig(String site) {
        return config.site(site)
                .orElseThrow(() -> new QueueError(ErrorCode.UNKNOWN_SITE, "Không có điểm phục vụ \"" + site + "\"."));
    }

    @Override
    public SiteInfo site(String siteCode) {
        return siteConfig(siteCode).toSiteInfo();
    }

    @Override
    public List<String> siteCodes() {
        return config.sites().stream().map(SiteConfig::code).toList();
    }

    @Override
    public CompletionStage<IssueResult> issue(String site, IssueCommand command, Actor actor) {
        return notYet();
    }

    @Override
    public CompletionStage<Optional<Ticket>> callNext(String site, int counter, Actor actor) {
        return notYet();
    }

    @Override
    public CompletionStage<Ticket> call(String ticketId, Actor actor) {
        return notYet();
    }

    @Override
    public CompletionStage<Ticket> recall(String ticketId, Actor actor) {
        return notYet();
    }

    @Override
    public CompletionStage<Ticket> start(String ticketId, Actor actor) {
        return notYet();
    }

    @Override
    public CompletionStage<Ticket> complete(String ticketId, Actor actor) {
        return notYet();
    }

    @Override
    public CompletionStage<Ticket> noShow(String ticketId, Actor actor) {
        return notYet();
    }

    @Override
    public CompletionStage<Ticket> cancel(String ticketId, Actor actor) {
        return notYet();
    }

    @Override
    public CompletionStage<Ticket> transfer(String ticketId, TransferCommand command, Actor actor) {
        return notYet();
    }

    @Override
    public CompletionStage<Ticket> linkDossier(String ticketId, String dossierCode, Actor actor) {
        return notYet();
    }

    @Override
    public CompletionStage<Ticket> rate(String ticketId, RatingCommand command, Actor actor) {
        return notYet();
    }

    @Override
    public CompletionStage<CounterView> pause(String site, int counter, String reason, Actor actor) {
        return notYet();
    }

    @Override
    public CompletionStage<CounterView> resume(String site, int counter, Actor actor) {
        return notYet();
    }

    @Override
    public CompletionStage<CounterView> signIn(String site, int counter, Actor actor) {
        return notYet();
    }

    @Override
    public CompletionStage<CounterView> signOut(String site, int counter, Actor actor) {
        return notYet();
    }

    @Override
    public CompletionStage<Void> reportDeviceStatus(String site, DeviceStatusReport report, Actor actor) {
        return notYet();
    }

    @Override
    public Optional<Ticket> ticket(String ticketId) {
        return Optional.empty();
    }

    @Override
    public QueueSnapshot snapshot(String site) {
        throw new QueueError(ErrorCode.UNAVAILABLE, "Chưa hỗ trợ.");
    }

    @Override
    public Subscription subscribe(String site, Consumer<QueueEvent> listener) {
        throw new QueueError(ErrorCode.UNAVAILABLE, "Chưa hỗ trợ.");
    }

    @Override
    public void close() {}
}
