package org.xephang.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.VertxException;
import io.vertx.core.http.HttpClosedException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;

class PageFailuresTest {

    private static final String INTERNAL = "Lỗi hệ thống ở máy này.";
    private static final String INTERNAL_EN = "A system error on this machine.";

    @Test
    void aRefusalIsPassedOnAsItIs() {
        QueueError refusal = new QueueError(
                ErrorCode.SITE_CLOSED, "Trung tâm đã hết giờ làm việc", "The centre has closed for the day");

        assertThat(PageFailures.errorFor(refusal, INTERNAL, INTERNAL_EN)).isSameAs(refusal);
    }

    @Test
    void refusedResetClosedAndTimedOutConnectionsAreLostConnectionsWrappedOrNot() {
        assertThat(PageFailures.errorFor(new ConnectException("Connection refused"), INTERNAL, INTERNAL_EN)
                        .code())
                .isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(PageFailures.errorFor(new java.net.SocketException("Connection reset"), INTERNAL, INTERNAL_EN)
                        .code())
                .isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(PageFailures.errorFor(new HttpClosedException("Connection was closed"), INTERNAL, INTERNAL_EN)
                        .code())
                .isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(PageFailures.errorFor(new VertxException("Connection was closed", true), INTERNAL, INTERNAL_EN)
                        .code())
                .isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(PageFailures.errorFor(
                                new TimeoutException("The timeout period of 15000ms has been exceeded"),
                                INTERNAL,
                                INTERNAL_EN)
                        .code())
                .isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(PageFailures.errorFor(
                                new CompletionException(new ConnectException("Connection refused")),
                                INTERNAL,
                                INTERNAL_EN)
                        .code())
                .isEqualTo(ErrorCode.UNAVAILABLE);
    }

    @Test
    void everythingElseIsAnInternalError() {
        for (Throwable bug : new Throwable[] {
            new NullPointerException(),
            new IllegalStateException("bad state"),
            new ClassCastException(),
            new VertxException("something else")
        }) {
            QueueError error = PageFailures.errorFor(bug, INTERNAL, INTERNAL_EN);
            assertThat(error.code()).as(bug.toString()).isEqualTo(ErrorCode.INTERNAL);
            assertThat(error.toJson().getString("message")).isEqualTo(INTERNAL);
        }
    }
}
