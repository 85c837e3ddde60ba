package org.xephang.core.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Set;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.core.Actor;
import org.xephang.core.QueueService;
import org.xephang.core.SiteConfigDocument;
import org.xephang.core.auth.AuditTrail;
import org.xephang.core.auth.Authenticator;

/**
 * The administration of a site's configuration (issue #14): {@code GET /admin/sites/{site}} answers the whole stored
 * document with its {@code version}; {@code PUT} saves {@code {"version": N, "document": {…}}} when N is still the
 * newest (409 CONFLICT otherwise), validated as the YAML file is, and applies it without a restart. {@code POST
 * /admin/sites} creates a site from a document (a province administrator only: an ADMIN of every site).
 */
final class AdminRoutes {

    /** The audit log's action for a site created from a document (beside {@link AuditTrail#SITE_UPDATE}). */
    static final String SITE_CREATE = "site.create";

    private final QueueService queue;
    private final Authenticator auth;

    AdminRoutes(QueueService queue, Authenticator auth) {
        this.queue = queue;
        this.auth = auth;
    }

    void getSite(RoutingContext ctx) {
        String site = PathParams.site(ctx);
        EngineCalls.call(ctx, () -> queue.siteConfiguration(site))
                .onSuccess(document -> Replies.json(ctx, 200, toJson(document)))
                .onFailure(ctx::fail);
    }

    void putSite(RoutingContext ctx) {
        String site = PathParams.site(ctx);
        RequestBody body = RequestBody.of(ctx);
        long version = body.requiredVersion("version");
        Map<String, Object> document = body.requiredObject("document");
        Actor actor = Authenticator.actor(ctx);
        // The version being replaced, to record what changed; a failed read only leaves the diff out.
        Future<SiteConfigDocument> before = EngineCalls.call(ctx, () -> queue.siteConfiguration(site))
                .recover(unreadable -> Future.succeededFuture(null));
        before.compose(previous -> EngineCalls.call(
                                ctx, () -> queue.saveSiteConfiguration(site, version, document, actor))
                        .onSuccess(saved -> {
                            JsonObject detail =
                                    new JsonObject().put("fromVersion", version).put("toVersion", saved.version());
                            if (previous != null && previous.version() == version) {
                                detail.put(
                                        "changed",
                                        new JsonArray(
                                                DocumentDiff.changedPaths(previous.document(), saved.document())));
                            }
                            auth.audit()
                                    .record(
                                            actor.username(),
                                            HttpApi.clientAddress(ctx),
                                            AuditTrail.SITE_UPDATE,
                                            Set.of(site),
                                            site,
                                            detail);
                        }))
                .onSuccess(saved -> Replies.json(ctx, 200, toJson(saved)))
                .onFailure(ctx::fail);
    }

    void createSite(RoutingContext ctx) {
        Actor actor = Authenticator.actor(ctx);
        if (!actor.sites().isEmpty()) {
            ctx.fail(new QueueError(
                    ErrorCode.FORBIDDEN,
                    "Chỉ quản trị viên cấp tỉnh (mọi điểm phục vụ) mới được tạo điểm phục vụ mới.",
                    "Only a province administrator (all sites) may create a new site."));
            return;
        }
        Map<String, Object> document = RequestBody.of(ctx).requiredObject("document");
        EngineCalls.call(ctx, () -> queue.createSite(document, actor))
                .onSuccess(created -> {
                    auth.audit()
                            .record(
                                    actor.username(),
                                    HttpApi.clientAddress(ctx),
                                    SITE_CREATE,
                                    Set.of(created.site()),
                                    created.site(),
                                    new JsonObject().put("toVersion", created.version()));
                    ctx.response().putHeader("Location", HttpApi.PREFIX + "/admin/sites/" + created.site());
                    Replies.json(ctx, 201, toJson(created));
                })
                .onFailure(ctx::fail);
    }

    static JsonObject toJson(SiteConfigDocument document) {
        return new JsonObject()
                .put("site", document.site())
                .put("version", document.version())
                .put("savedAt", document.savedAt().toString())
                .put("savedBy", document.savedBy())
                .put("document", new JsonObject(new java.util.LinkedHashMap<>(document.document())));
    }
}
