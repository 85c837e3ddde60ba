package org.xephang.core.engine;

import static org.xephang.core.QueueService.MAX_STATISTICS_DAYS;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.api.SiteStatistics;
import org.xephang.core.persistence.TicketArchive;
import org.xephang.core.site.Account;
import org.xephang.core.site.CentreConfig;
import org.xephang.core.stats.StatisticsReport;

/** The statistics of a site over a range of local days, read from the store off the writer ({@link StoreReads}). */
final class EngineStatistics {

    private final EngineWriter writer;
    private final StoreReads reads;
    /** The names the managers' pages show for officers: display names from the accounts, else usernames. */
    private final Map<String, String> officerNames;

    EngineStatistics(EngineWriter writer, StoreReads reads, CentreConfig config) {
        this.writer = writer;
        this.reads = reads;
        this.officerNames =
                config.accounts().stream().collect(Collectors.toUnmodifiableMap(Account::username, Account::shownName));
    }

    CompletionStage<SiteStatistics> statistics(String siteCode, LocalDate from, LocalDate to) {
        SiteQueue site = writer.siteQueue(siteCode);
        if (site == null) {
            return CompletableFuture.failedFuture(EngineWriter.unknownSite(siteCode));
        }
        if (from.isAfter(to)) {
            return CompletableFuture.failedFuture(new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Ngày bắt đầu (from) phải trước hoặc bằng ngày kết thúc (to).",
                    "The start day (from) must be before or equal to the end day (to)."));
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_STATISTICS_DAYS) {
            return CompletableFuture.failedFuture(new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Mỗi lần xem thống kê tối đa " + MAX_STATISTICS_DAYS + " ngày; hãy chia khoảng ngày nhỏ hơn.",
                    "Statistics cover at most " + MAX_STATISTICS_DAYS
                            + " days at a time; please split the range into smaller ones."));
        }
        return reads.read(
                connection -> StatisticsReport.of(
                        site.config(),
                        from,
                        to,
                        new TicketArchive(connection)
                                .facts(siteCode, from, to, site.config().timeZone()),
                        name -> officerNames.getOrDefault(name, name)),
                e -> new IllegalStateException(
                        "reading the statistics of " + siteCode + " failed: " + e.getMessage(), e));
    }
}
