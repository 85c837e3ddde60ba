package org.xephang.core.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.List;
import org.xephang.api.DeviceHealth;
import org.xephang.core.Actor;
import org.xephang.core.DeviceHeartbeat;
import org.xephang.core.QueueService;
import org.xephang.core.auth.Authenticator;

/** The agents' heartbeats and the list of a site's devices with their health (docs/devices.md §7). */
final class DeviceRoutes {

    /** The kinds of agent that send heartbeats. */
    static final List<String> AGENT_KINDS = List.of("kiosk", "board", "counter");
    /** An agent drives a handful of devices; a longer list is a mistake. */
    static final int MAX_DEVICES_PER_HEARTBEAT = 32;

    private final QueueService queue;
    private final Clock clock;
    private final DeviceClaims claims;

    DeviceRoutes(QueueService queue, Clock clock, DeviceClaims claims) {
        this.queue = queue;
        this.clock = clock;
        this.claims = claims;
    }

    /**
     * {@code POST /sites/{site}/devices/heartbeat} {@code {"agent":"kiosk1","kind":"kiosk","devices":["kiosk1/printer"]}}:
     * 204. Usually answered from memory without the writer.
     */
    void heartbeat(RoutingContext ctx) {
        String site = PathParams.site(ctx);
        RequestBody body = RequestBody.of(ctx);
        String agent = body.requiredText("agent");
        String kind = body.requiredText("kind");
        if (!AGENT_KINDS.contains(kind)) {
            throw RequestBody.invalid(
                    "kind",
                    "phải là một trong " + String.join(", ", AGENT_KINDS),
                    "must be one of " + String.join(", ", AGENT_KINDS));
        }
        List<String> devices = body.optionalTextList("devices", MAX_DEVICES_PER_HEARTBEAT);
        Actor actor = Authenticator.actor(ctx);
        // A device acts only as itself: a kiosk or display names neither another account as agent nor its devices,
        // nor an agent another device account speaks for (DeviceClaims).
        List<String> names = new java.util.ArrayList<>(devices);
        names.add(0, agent);
        claims.requireOwn(site, actor, names);
        EngineCalls.call(ctx, () -> queue.deviceHeartbeat(site, new DeviceHeartbeat(agent, kind, devices), actor))
                .onSuccess(done -> Replies.noContent(ctx))
                .onFailure(ctx::fail);
    }

    /**
     * {@code GET /sites/{site}/devices} (supervisors and administrators): {@code {"site","at","timeZone","devices":[…]}},
     * instants in ISO-8601 UTC; pages show them in the site's {@code timeZone}.
     */
    void list(RoutingContext ctx) {
        String site = PathParams.site(ctx);
        List<DeviceHealth> devices = queue.devices(site);
        Replies.json(
                ctx,
                200,
                new JsonObject()
                        .put("site", site)
                        .put("at", clock.instant().toString())
                        .put("timeZone", queue.site(site).timeZone())
                        .put(
                                "devices",
                                new JsonArray(devices.stream()
                                        .map(DeviceHealth::toJson)
                                        .toList())));
    }
}
