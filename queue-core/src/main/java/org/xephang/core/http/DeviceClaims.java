package org.xephang.core.http;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.api.Role;
import org.xephang.core.Actor;
import org.xephang.core.auth.Authenticator;

/**
 * Which device account speaks for which agent (issue 13 finding 5, docs/security.md "Roles"): a KIOSK or DISPLAY
 * account reports only its own devices. A device named after another account ({@code kiosk2/printer}) is refused
 * outright; an agent id that is no account name ({@code sanh-2}, {@code sanh-2/printer}: agents may have their own id)
 * is claimed by the first device account that reports it, and any other device account is then refused, so a kiosk's
 * token cannot silence or fake another agent's printer. Each device account reports at most {@value #MAX_AGENTS} agent
 * ids and {@value #MAX_DEVICES} device names, so a script inventing devices fills neither the server's memory nor the
 * supervisors' pages and {@code /metrics}. Staff (the counter agents of older set-ups) report their counters' devices
 * unchecked. A claim ends when its account is disabled or removed (a replaced kiosk PC's agent id passes to the new
 * account). In memory: agents report again on every reconnection, so after a restart the first report claims again.
 * Thread-safe.
 */
final class DeviceClaims {

    /**
     * Agent ids one device account may speak for: a kiosk runs one agent, but the counter PCs of a centre may share one
     * display account, each with its own {@code agentId}.
     */
    static final int MAX_AGENTS = 50;
    /** Device names one device account may report (each agent drives a handful of devices). */
    static final int MAX_DEVICES = 200;

    private final Authenticator auth;
    /** Per site, agent id to the device account that claimed it. */
    private final Map<String, Map<String, String>> agentOwners = new HashMap<>();
    /** Per site and device account, the device names it reported. */
    private final Map<String, Set<String>> reported = new HashMap<>();

    DeviceClaims(Authenticator auth) {
        this.auth = auth;
    }

    /** Refuses (FORBIDDEN) a device account reporting a device or agent that is not its own; claims the others. */
    synchronized void requireOwn(String site, Actor actor, List<String> names) {
        if (actor.role() != Role.KIOSK && actor.role() != Role.DISPLAY) {
            return;
        }
        Map<String, String> owners = agentOwners.computeIfAbsent(site, s -> new HashMap<>());
        Set<String> mine = reported.computeIfAbsent(site + "\n" + actor.username(), k -> new HashSet<>());
        Set<String> newAgents = new HashSet<>();
        for (String name : names) {
            String agent = agentOf(name);
            if (agent.equals(actor.username())) {
                continue;
            }
            if (auth.isAccount(agent)) {
                throw notOwn(actor);
            }
            String owner = owners.get(agent);
            if (owner != null && !owner.equals(actor.username()) && !enabled(owner)) {
                // The account that spoke for it was disabled or removed (a replaced kiosk PC): the claim ends.
                owners.remove(agent);
                owner = null;
            }
            if (owner != null && !owner.equals(actor.username())) {
                throw new QueueError(
                        ErrorCode.FORBIDDEN,
                        "Thiết bị " + agent + " do tài khoản thiết bị khác báo trạng thái; " + actor.username()
                                + " chỉ báo thiết bị của chính mình.",
                        "Device " + agent + " is reported by another device account; " + actor.username()
                                + " reports only its own devices.");
            }
            if (owner == null) {
                newAgents.add(agent);
            }
        }
        long agentsHeld =
                owners.values().stream().filter(actor.username()::equals).count();
        if (agentsHeld + newAgents.size() > MAX_AGENTS) {
            throw new QueueError(
                    ErrorCode.FORBIDDEN,
                    "Tài khoản thiết bị " + actor.username() + " đã báo " + agentsHeld + " mã máy; mỗi tài khoản báo"
                            + " tối đa " + MAX_AGENTS + " mã máy.",
                    "Device account " + actor.username() + " has reported " + agentsHeld + " agent ids; an account"
                            + " reports at most " + MAX_AGENTS + ".");
        }
        long newNames = names.stream().filter(n -> !mine.contains(n)).distinct().count();
        if (mine.size() + newNames > MAX_DEVICES) {
            throw new QueueError(
                    ErrorCode.FORBIDDEN,
                    "Tài khoản thiết bị " + actor.username() + " đã báo " + mine.size() + " thiết bị; mỗi tài khoản báo"
                            + " tối đa " + MAX_DEVICES + " thiết bị.",
                    "Device account " + actor.username() + " has reported " + mine.size() + " devices; an account"
                            + " reports at most " + MAX_DEVICES + ".");
        }
        newAgents.forEach(agent -> owners.put(agent, actor.username()));
        mine.addAll(names);
    }

    private boolean enabled(String username) {
        return auth.accounts().find(username).filter(a -> !a.disabled()).isPresent();
    }

    private static String agentOf(String device) {
        int slash = device.indexOf('/');
        return slash < 0 ? device : device.substring(0, slash);
    }

    private static QueueError notOwn(Actor actor) {
        return new QueueError(
                ErrorCode.FORBIDDEN,
                "Thiết bị " + actor.username() + " chỉ báo trạng thái thiết bị của chính mình (" + actor.username()
                        + "/…).",
                "Device " + actor.username() + " reports only the status of its own devices (" + actor.username()
                        + "/…).");
    }
}
