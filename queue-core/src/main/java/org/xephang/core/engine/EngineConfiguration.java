package org.xephang.core.engine;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.core.Actor;
import org.xephang.core.SiteConfigDocument;
import org.xephang.core.persistence.ConfigDocuments;
import org.xephang.core.site.CentreConfigLoader;
import org.xephang.core.site.ConfigException;
import org.xephang.core.site.SiteConfig;

/**
 * A site's configuration edited while the server runs: the saved document read off the writer, and a new version
 * validated exactly as the YAML file's {@code sites:} entry, then saved and applied to the site in one write command
 * (optimistic: the version the editor opened must still be the latest).
 */
final class EngineConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(EngineConfiguration.class);

    private final EngineWriter writer;
    private final StoreReads reads;
    private final EngineOptions options;
    private final boolean clustered;
    /** Whether the centre has an account for a notification provider (see {@link #acceptNotificationProviders}). */
    private volatile Predicate<String> notificationAccounts = provider -> true;

    EngineConfiguration(EngineWriter writer, StoreReads reads, EngineOptions options, boolean clustered) {
        this.writer = writer;
        this.reads = reads;
        this.options = options;
        this.clustered = clustered;
    }

    void acceptNotificationProviders(Predicate<String> hasAccount) {
        this.notificationAccounts = hasAccount;
    }

    CompletionStage<SiteConfigDocument> siteConfiguration(String siteCode) {
        if (writer.siteQueue(siteCode) == null) {
            return CompletableFuture.failedFuture(EngineWriter.unknownSite(siteCode));
        }
        return reads.read(
                c -> ConfigDocuments.latest(c, siteCode)
                        .map(EngineConfiguration::document)
                        .orElseThrow(() -> EngineWriter.unknownSite(siteCode)),
                e -> new QueueError(
                        ErrorCode.UNAVAILABLE,
                        "Không đọc được cấu hình từ kho dữ liệu; hãy thử lại sau.",
                        "Could not read the configuration from the data store; please try again later."));
    }

    CompletionStage<SiteConfigDocument> saveSiteConfiguration(
            String siteCode, long version, Map<String, Object> document, Actor actor) {
        SiteQueue target = writer.siteQueue(siteCode);
        if (target == null) {
            return CompletableFuture.failedFuture(EngineWriter.unknownSite(siteCode));
        }
        SiteConfig next;
        try {
            ReconfigureChecks.lastCounterOfAWaitingLine(
                    target.config(), document, target.published().waiting(null));
            next = validated(siteCode, document);
            ReconfigureChecks.notificationAccount(next, notificationAccounts);
        } catch (QueueError invalid) {
            return CompletableFuture.failedFuture(invalid);
        }
        String json = new JsonObject(new LinkedHashMap<>(document)).encode();
        return writer.onSite(siteCode, (site, writes, now) -> {
            long current = ConfigDocuments.latest(writes.store().connection(), siteCode)
                    .map(ConfigDocuments.SiteDocument::version)
                    .orElse(0L);
            if (current != version) {
                throw new QueueError(
                        ErrorCode.CONFLICT,
                        "version: cấu hình của điểm " + siteCode + " đã được lưu lại (phiên bản " + current
                                + ") sau phiên bản " + version + " bạn đã mở; hãy tải lại rồi sửa lại.",
                        "version: the configuration of site " + siteCode + " was saved again (version " + current
                                + ") after version " + version + " that you opened; please reload and edit again.");
            }
            site.checkReconfigure(next);
            long saved =
                    ConfigDocuments.save(writes.store().connection(), siteCode, version, json, now, actor.username());
            site.reconfigure(writes, next, saved, now);
            LOG.info("Site {}: configuration version {} saved and applied", siteCode, saved);
            return new SiteConfigDocument(siteCode, saved, document, now, actor.username());
        });
    }

    /**
     * A site created while running from its whole document (a province administrator): validated as a {@code sites:}
     * entry, stored as version 1 and served once committed. Refused when the code is taken, and on a node of a cluster
     * (the placement of sites over nodes is decided at start).
     */
    CompletionStage<SiteConfigDocument> createSite(Map<String, Object> document, Actor actor) {
        if (!(document.get("code") instanceof String siteCode)) {
            return CompletableFuture.failedFuture(QueueError.withDetails(
                    ErrorCode.INVALID_REQUEST,
                    "code: mã điểm phục vụ là bắt buộc (ví dụ \"q1\").",
                    "code: the site code is required (for example \"q1\").",
                    Map.of("field", "code")));
        }
        if (clustered) {
            return CompletableFuture.failedFuture(
                    new QueueError(
                            ErrorCode.UNAVAILABLE,
                            "Trong một cụm máy chủ, điểm mới được phục vụ sau khi khởi động lại các máy chủ; hãy dùng"
                                    + " xephang config import rồi khởi động lại.",
                            "In a server cluster, a new site is served after the servers restart; use xephang config import and then restart."));
        }
        SiteConfig config;
        try {
            config = validated(siteCode, document);
            ReconfigureChecks.notificationAccount(config, notificationAccounts);
        } catch (QueueError invalid) {
            return CompletableFuture.failedFuture(invalid);
        }
        String json = new JsonObject(new LinkedHashMap<>(document)).encode();
        return writer.onWriter((writes, now) -> {
            if (writer.siteQueue(siteCode) != null
                    || ConfigDocuments.latest(writes.store().connection(), siteCode)
                            .isPresent()) {
                throw QueueError.withDetails(
                        ErrorCode.CONFLICT,
                        "code: đã có điểm phục vụ mã \"" + siteCode + "\"; hãy chọn mã khác.",
                        "code: a site with code \"" + siteCode + "\" already exists; please choose another code.",
                        Map.of("field", "code"));
            }
            long saved = ConfigDocuments.save(writes.store().connection(), siteCode, 0, json, now, actor.username());
            writer.addSite(config, options, writes, now);
            LOG.info("Site {}: created by {} (configuration version {})", siteCode, actor.username(), saved);
            return new SiteConfigDocument(siteCode, saved, document, now, actor.username());
        });
    }

    /** The document validated exactly as a {@code sites:} entry of the YAML file; every problem named by its key. */
    private static SiteConfig validated(String siteCode, Map<String, Object> document) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("sites", List.of(document));
        try {
            SiteConfig next = CentreConfigLoader.fromTree(tree, "site " + siteCode)
                    .sites()
                    .get(0);
            if (!next.code().equals(siteCode)) {
                throw new QueueError(
                        ErrorCode.INVALID_REQUEST,
                        "code: mã điểm trong cấu hình (\"" + next.code() + "\") phải là \"" + siteCode
                                + "\"; không đổi được mã điểm.",
                        "code: the site code in the configuration (\"" + next.code() + "\") must be \"" + siteCode
                                + "\"; the site code cannot be changed.");
            }
            return next;
        } catch (ConfigException invalid) {
            List<String> problems = invalid.problems().stream()
                    .map(p -> p.startsWith("sites[0].") ? p.substring("sites[0].".length()) : p)
                    .toList();
            throw new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Cấu hình không hợp lệ (" + problems.size() + " lỗi): " + String.join("; ", problems),
                    "Invalid configuration (" + problems.size() + " problems): " + String.join("; ", problems));
        }
    }

    private static SiteConfigDocument document(ConfigDocuments.SiteDocument stored) {
        return new SiteConfigDocument(
                stored.site(),
                stored.version(),
                new JsonObject(stored.json()).getMap(),
                stored.savedAt(),
                stored.savedBy());
    }
}
