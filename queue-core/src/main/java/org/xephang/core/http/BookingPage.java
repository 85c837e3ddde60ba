package org.xephang.core.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import org.xephang.api.ErrorCode;
import org.xephang.api.QrCodeSvg;
import org.xephang.api.QueueError;
import org.xephang.core.appointment.BookingCode;

/**
 * The citizens' booking page at {@code /dat-lich/} (mobile first, Vietnamese with an English switch; it reads the public
 * appointment API like any client) and the QR code of a booking at {@code /dat-lich/qr/{code}}: an SVG of the code
 * alone, which the kiosk's scanner reads as a check-in. Scripts and styles from files only, as the managers' pages.
 */
final class BookingPage {

    static final String PATH = "/dat-lich";
    private static final String FOLDER = "booking-page";

    private BookingPage() {}

    static void mount(Router router) {
        router.get(PATH + "/").setName(PATH + "/").handler(ctx -> {
            ctx.put(ApiMetrics.ROUTE_KEY, PATH + "/");
            headers(ctx);
            ctx.response().putHeader("Content-Type", "text/html; charset=utf-8");
            ctx.response().sendFile(FOLDER + "/index.html").onFailure(ctx::fail);
        });
        router.get(PATH + "/qr/:code").setName(PATH + "/qr/:code").handler(BookingPage::qr);
        router.get(PATH + "/*")
                .setName(PATH + "/*")
                .handler(ctx -> {
                    ctx.put(ApiMetrics.ROUTE_KEY, PATH + "/*");
                    headers(ctx);
                    ctx.next();
                })
                .handler(StaticHandler.create(FOLDER)
                        .setCachingEnabled(false)
                        .setDefaultContentEncoding("UTF-8")
                        .setDirectoryListing(false));
    }

    private static void qr(RoutingContext ctx) {
        ctx.put(ApiMetrics.ROUTE_KEY, PATH + "/qr/:code");
        String code = BookingCode.parse(ctx.pathParam("code"))
                .orElseThrow(() -> new QueueError(
                        ErrorCode.INVALID_REQUEST,
                        "Mã lịch hẹn gồm 8 ký tự chữ và số (không có 0, 1, O, I, L).",
                        "An appointment code has 8 letters and digits (no 0, 1, O, I, L)."));
        headers(ctx);
        ctx.response().putHeader("Content-Type", "image/svg+xml").end(QrCodeSvg.of(code));
    }

    private static void headers(RoutingContext ctx) {
        ctx.response()
                .putHeader("Cache-Control", "no-cache")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Content-Security-Policy", ManagerPages.CONTENT_SECURITY_POLICY);
    }
}
