package org.xephang.core.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import org.xephang.core.ServedPage;

/**
 * The server's front door at {@code /}: the pages this server serves (kiosk, board, counter, admin, supervisor,
 * statistics, the demo's devices, the API documentation), each named in Vietnamese with its English name, listed only
 * when mounted. Built from the router on every request, so pages mounted after the API still appear.
 */
public final class IndexPage {

    static final List<ServedPage> KNOWN = List.of(
            new ServedPage("/kiosk/", "Ki-ốt lấy số thứ tự", "Ticket kiosk", "Công dân · Citizens"),
            new ServedPage("/dat-lich/", "Đặt lịch hẹn", "Book an appointment", "Công dân · Citizens"),
            new ServedPage("/dat-lich/can-bo/", "Lịch hẹn trong ngày", "Today's bookings", "Cán bộ · Officers"),
            new ServedPage("/board/", "Bảng hiển thị số thứ tự", "Display board", "Sảnh chờ · Waiting hall"),
            new ServedPage("/counter/", "Màn hình quầy", "Counter screen", "Cán bộ · Officers"),
            new ServedPage("/supervisor/", "Giám sát trực tiếp", "Supervisor's live view", "Giám sát · Supervisors"),
            new ServedPage("/stats/", "Thống kê", "Statistics", "Lãnh đạo · Managers"),
            new ServedPage("/admin/", "Quản trị", "Administration", "Quản trị viên · Administrators"),
            new ServedPage(
                    "/devices/",
                    "Thiết bị mô phỏng (bản chạy thử)",
                    "Simulated devices (demo)",
                    "Kỹ thuật viên · Technicians"),
            new ServedPage("/api/docs/", "Tài liệu API", "API documentation", "Lập trình viên · Developers"));

    private static final String STYLE = "/index-page/index.css";

    private final Router router;
    private final Buffer css;

    private IndexPage(Router router) {
        this.router = router;
        this.css = resource(STYLE);
    }

    /** Serves the index at {@code /} and its style sheet; call after every page is mounted on {@code router}. */
    public static void mount(Router router) {
        IndexPage page = new IndexPage(router);
        router.get("/").handler(page::serve);
        router.get(STYLE)
                .handler(ctx -> ctx.response()
                        .putHeader("Content-Type", "text/css; charset=utf-8")
                        .putHeader("Cache-Control", "no-cache")
                        .end(page.css));
    }

    private void serve(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .end(html(mounted()));
    }

    /** The known pages this router serves, in the order of {@link #KNOWN}. */
    List<ServedPage> mounted() {
        return servedBy(router);
    }

    /**
     * The known pages {@code router} serves, in the index's order: what the index at {@code /} lists, for whatever else
     * names a server's pages (the demo's start-up printout), so the two cannot drift apart.
     */
    public static List<ServedPage> servedBy(Router router) {
        List<String> paths = router.getRoutes().stream()
                .map(Route::getPath)
                .filter(Objects::nonNull)
                .toList();
        return KNOWN.stream()
                .filter(entry -> paths.stream().anyMatch(path -> served(entry.path(), path)))
                .toList();
    }

    /**
     * Whether a route of {@code route}'s path serves the page at {@code page}: a route under it, or the wildcard
     * route of a folder above it ({@code /dat-lich/*}, whose path reads {@code /dat-lich/}, serves {@code
     * /dat-lich/can-bo/}); the index's own {@code /} is no folder of pages.
     */
    private static boolean served(String page, String route) {
        return route.startsWith(page) || (route.length() > 1 && route.endsWith("/") && page.startsWith(route));
    }

    static String html(List<ServedPage> entries) {
        StringBuilder items = new StringBuilder();
        for (ServedPage entry : entries) {
            items.append("<li><a href=\"")
                    .append(entry.path())
                    .append("\"><span class=\"vi\">")
                    .append(entry.vietnamese())
                    .append("</span><span class=\"en\" lang=\"en\">")
                    .append(entry.english())
                    .append("</span><span class=\"who\">")
                    .append(entry.forWhom())
                    .append("</span></a></li>\n");
        }
        return """
                <!doctype html>
                <html lang="vi">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>Hệ thống xếp hàng xephang · Queue system</title>
                  <link rel="icon" href="/favicon.svg" type="image/svg+xml">
                  <link rel="stylesheet" href="%s">
                </head>
                <body>
                  <header>
                    <h1>Hệ thống xếp hàng</h1>
                    <p class="en" lang="en">xephang queue system: the pages of this server</p>
                  </header>
                  <main>
                    <h2>Các trang của máy chủ này <span class="en" lang="en">Pages</span></h2>
                    <ul class="pages">
                %s    </ul>
                    <p class="note">Điện thoại của công dân mở trang số thứ tự bằng mã QR trên vé.
                      <span class="en" lang="en">Citizens' phones open their ticket's page from the QR code on the
                      ticket.</span></p>
                  </main>
                </body>
                </html>
                """.formatted(STYLE, items);
    }

    private static Buffer resource(String path) {
        try (InputStream in = IndexPage.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " missing from the queue-core jar");
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
