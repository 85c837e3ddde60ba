package org.xephang.board;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.agent.AgentServer;
import org.xephang.agent.ServerLink;
import org.xephang.api.EventType;
import org.xephang.api.QueueClient;
import org.xephang.api.QueueEvent;
import org.xephang.api.announce.Announcement;
import org.xephang.board.led.LedAgent;
import org.xephang.board.voice.AnnouncementSpeaker;
import org.xephang.device.DeviceFactory;

/**
 * A standalone board agent ({@code xephang board}): serves the board page at its root for the TV's browser, and
 * mirrors the calls to the LED displays of its configuration; optionally says the calls on its own sound card. The page reads the queue server directly (its CORS
 * allows other origins). Close it to stop.
 */
public final class BoardAgent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BoardAgent.class);

    private final LedAgent leds;
    private final List<AutoCloseable> voice = new ArrayList<>();
    private AgentServer http;

    private BoardAgent(LedAgent leds) {
        this.leds = leds;
    }

    /**
     * Says each call and recall on the sound card as its event arrives (never those of a snapshot, which are old).
     */
    private void speakCalls(Vertx vertx, BoardAgentConfig config) {
        AnnouncementSpeaker speaker = AnnouncementSpeaker.onDefaultSoundCard();
        QueueClient client = QueueClient.create(vertx, config.server());
        ServerLink.ClientSource source = ServerLink.of(client, config.site());
        Context context = vertx.getOrCreateContext(); // the context this agent's start completes on
        ServerLink link = new ServerLink(
                context,
                source,
                new ServerLink.Listener() {
                    @Override
                    public void eventArrived(QueueEvent event) {
                        JsonObject announcement = event.details().getJsonObject("announcement");
                        if ((event.type() == EventType.TICKET_CALLED || event.type() == EventType.TICKET_RECALLED)
                                && announcement != null) {
                            speaker.say(Announcement.fromJson(announcement));
                        }
                    }
                },
                ServerLink.Settings.eventsOnly("Board of site " + config.site() + " (speaker)"));
        context.runOnContext(v -> link.start());
        voice.add(() -> context.runOnContext(v -> link.close()));
        voice.add(source);
        voice.add(client);
        voice.add(speaker);
        LOG.info("Board of site {}: saying calls on the sound card", config.site());
    }

    /** Starts the LED mirroring, then the page's HTTP server; fails if a device URI is invalid or the port is taken. */
    public static Future<BoardAgent> start(Vertx vertx, BoardAgentConfig config, DeviceFactory devices) {
        return LedAgent.start(vertx, config.ledSettings(), devices).compose(leds -> {
            BoardAgent agent = new BoardAgent(leds);
            return AgentServer.serve(
                            vertx,
                            BoardApp.router(vertx, config.boardOptions()),
                            agent::closeDevices,
                            config.host(),
                            config.port())
                    .map(http -> {
                        agent.http = http;
                        LOG.info("Board of site {} at {} (server {})", config.site(), http.url(), config.server());
                        if (config.speaker()) {
                            agent.speakCalls(vertx, config);
                        }
                        return agent;
                    });
        });
    }

    /** The board page's URL, e.g. {@code http://127.0.0.1:8090/}. */
    public String url() {
        return http.url();
    }

    /** The page's server; closing it closes the whole agent. */
    public AgentServer server() {
        return http;
    }

    public LedAgent leds() {
        return leds;
    }

    @Override
    public void close() {
        http.close();
    }

    /** The LED displays and the speaker (the page's server closes them with itself). */
    private void closeDevices() {
        for (AutoCloseable part : voice) {
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("Board: closing the speaker failed: {}", e.getMessage());
            }
        }
        leds.close();
    }
}
