package org.xephang.core.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.xephang.api.CounterState;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.api.TicketState;
import org.xephang.api.WaitingTicket;
import org.xephang.core.counter.CounterDesk;
import org.xephang.core.site.CounterConfig;
import org.xephang.core.site.ServiceConfig;
import org.xephang.core.site.SiteConfig;
import org.xephang.core.ticket.TicketRecord;

/**
 * The refusals of a saved site configuration that would strand tickets or officers (issue #14 "Bad input"): a field
 * retired while tickets of it are open (offered instead: close it for new tickets, {@code closed: true}), the last
 * counter of a line giving up that field while tickets wait in it, a counter removed while it is open or while tickets
 * transferred to it wait, and notifications through a provider the centre has no account for. Each refusal is a 409
 * {@code CONFLICT} whose message starts with the key it is about, in Vietnamese, and whose wire form names it in
 * {@code field} (with {@code service} or {@code counter}) so that the admin page shows it beside the field. Pure.
 */
final class ReconfigureChecks {

    private ReconfigureChecks() {}

    /**
     * Before the document is validated (whose own rule, "every service needs a counter", would name no reason): a
     * service still in the document, with tickets waiting in its line, that no counter of the document serves any more.
     */
    static void lastCounterOfAWaitingLine(
            SiteConfig current, Map<String, Object> document, Collection<WaitingTicket> waiting) {
        Set<String> kept = new TreeSet<>();
        for (Object service : list(document.get("services"))) {
            if (map(service).get("code") instanceof String code) {
                kept.add(code);
            }
        }
        Set<String> served = new TreeSet<>();
        for (Object counter : list(document.get("counters"))) {
            for (Object code : list(map(counter).get("services"))) {
                served.add(String.valueOf(code));
            }
        }
        for (ServiceConfig service : current.services()) {
            long inLine = waiting.stream()
                    .filter(t -> t.service().equals(service.code()) && t.counter() == null)
                    .count();
            if (inLine == 0 || !kept.contains(service.code()) || served.contains(service.code())) {
                continue;
            }
            List<Integer> counters = current.countersServing(service.code()).stream()
                    .map(CounterConfig::number)
                    .toList();
            String which = counters.size() == 1
                    ? "quầy " + counters.get(0) + " là quầy cuối cùng phục vụ"
                    : "các quầy " + join(counters) + " là những quầy cuối cùng phục vụ";
            String whichEn = counters.size() == 1
                    ? "counter " + counters.get(0) + " is the last counter serving"
                    : "counters " + join(counters) + " are the last counters serving";
            throw refusal(
                    "counters: " + which + " lĩnh vực " + service.code() + " (" + service.name() + ") mà còn " + inLine
                            + " vé đang chờ; không bỏ được lĩnh vực này khỏi quầy. Hãy cho một quầy khác phục vụ lĩnh"
                            + " vực " + service.code() + " trước, hoặc chờ đến khi hết vé.",
                    "counters: " + whichEn + " the service " + service.code() + " (" + service.name() + ") while "
                            + inLine
                            + (inLine == 1 ? " ticket is" : " tickets are")
                            + " still waiting; the service cannot be taken off the counter. Let another counter serve the service "
                            + service.code() + " first, or wait until no tickets are left.",
                    "counters",
                    Map.of("service", service.code(), "waiting", inLine));
        }
    }

    /** On the writer, before anything is written: fields with open tickets and counters in use stay. */
    static void beforeApply(
            SiteConfig current, SiteConfig next, List<TicketRecord> tickets, Map<Integer, CounterDesk> desks) {
        for (ServiceConfig service : current.services()) {
            if (next.service(service.code()).isPresent()) {
                continue;
            }
            long open = tickets.stream()
                    .filter(t -> service.code().equals(t.service()) && t.state().isOpen())
                    .count();
            if (open > 0) {
                throw refusal(
                        "services: không thể bỏ lĩnh vực " + service.code() + " (" + service.name() + ") khi còn "
                                + open + " vé chưa xong. Hãy chọn \"Ngừng cấp số mới\" cho lĩnh vực này (closed: true):"
                                + " các vé đã cấp vẫn được gọi, và bỏ lĩnh vực sau khi hết vé.",
                        "services: cannot remove the service " + service.code() + " (" + service.name() + ") while "
                                + open
                                + (open == 1 ? " ticket is" : " tickets are")
                                + " not finished. Choose \"Stop issuing new numbers\" for this service (closed: true): the issued tickets are still called, and remove the service once no tickets are left.",
                        "services",
                        Map.of("service", service.code(), "open", open, "canClose", true));
            }
        }
        for (CounterDesk desk : desks.values()) {
            if (next.counter(desk.number()).isPresent()) {
                continue;
            }
            if (desk.state() != CounterState.CLOSED) {
                throw refusal(
                        "counters: không thể bỏ quầy " + desk.number() + " khi quầy đang mở; hãy đóng quầy trước.",
                        "counters: cannot remove counter " + desk.number()
                                + " while it is open; close the counter first.",
                        "counters",
                        Map.of("counter", desk.number()));
            }
        }
        for (CounterConfig counter : current.counters()) {
            if (next.counter(counter.number()).isPresent()) {
                continue;
            }
            long transferred = tickets.stream()
                    .filter(t -> t.state() == TicketState.WAITING
                            && Integer.valueOf(counter.number()).equals(t.assignedCounter()))
                    .count();
            if (transferred > 0) {
                throw refusal(
                        "counters: không thể bỏ quầy " + counter.number() + " khi còn " + transferred
                                + " vé được chuyển đến quầy này đang chờ; hãy gọi hoặc chuyển các vé đó trước.",
                        "counters: cannot remove counter " + counter.number() + " while " + transferred
                                + (transferred == 1 ? " ticket transferred to it is" : " tickets transferred to it are")
                                + " still waiting; call or transfer those tickets first.",
                        "counters",
                        Map.of("counter", counter.number(), "waiting", transferred));
            }
        }
    }

    /** A site that sends messages needs the centre's account of its provider (as at start: QueueServerMain). */
    static void notificationAccount(SiteConfig next, Predicate<String> hasAccount) {
        String provider = next.notifications().provider();
        if (next.notifications().enabled() && !hasAccount.test(provider)) {
            throw refusal(
                    "notifications.provider: máy chủ chưa có tài khoản " + provider + " của trung tâm (mục"
                            + " notifications." + provider + " trong tệp cấu hình máy chủ), nên điểm này chưa gửi"
                            + " được tin qua " + provider + ". Hãy chọn nhà cung cấp khác hoặc \"none\".",
                    "notifications.provider: the server has no " + provider
                            + " account of the centre (the notifications." + provider
                            + " section of the server's configuration file), so this site cannot send messages through "
                            + provider + " yet. Choose another provider or \"none\".",
                    "notifications.provider",
                    Map.of());
        }
    }

    private static QueueError refusal(String message, String messageEn, String field, Map<String, ?> details) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("field", field);
        all.putAll(details);
        return QueueError.withDetails(ErrorCode.CONFLICT, message, messageEn, all);
    }

    private static List<?> list(Object value) {
        if (value instanceof io.vertx.core.json.JsonArray array) {
            return array.getList();
        }
        return value instanceof List<?> list ? list : List.of();
    }

    private static Map<?, ?> map(Object value) {
        if (value instanceof io.vertx.core.json.JsonObject object) {
            return object.getMap();
        }
        return value instanceof Map<?, ?> map ? map : Map.of();
    }

    private static String join(List<Integer> numbers) {
        List<String> texts = new ArrayList<>();
        numbers.forEach(n -> texts.add(String.valueOf(n)));
        return String.join(", ", texts);
    }
}
