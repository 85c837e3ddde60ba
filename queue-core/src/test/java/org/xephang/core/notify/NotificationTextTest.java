package org.xephang.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import org.junit.jupiter.api.Test;

class NotificationTextTest {

    private static final String SITE = "Trung tâm Phục vụ hành chính công Quận 1";

    @Test
    void nearTurnSaysHowManyAreAheadInNfcVietnamese() {
        String text = NotificationText.nearTurn("A012", 3, SITE);
        assertThat(text)
                .isEqualTo("Sắp đến lượt số A012 tại Trung tâm Phục vụ hành chính công Quận 1: còn 2 người trước bạn."
                        + " Vui lòng quay lại khu chờ.");
        assertThat(Normalizer.isNormalized(text, Normalizer.Form.NFC)).isTrue();
        assertThat(NotificationText.nearTurn("A012", 1, SITE)).contains("bạn là người tiếp theo");
    }

    @Test
    void calledNamesTheCounter() {
        assertThat(NotificationText.called("A012", "5", SITE))
                .isEqualTo("Mời số A012 đến quầy 5 tại Trung tâm Phục vụ hành chính công Quận 1.");
    }

    @Test
    void unaccentedTextKeepsOnlyGsmLettersAndTurnsDStrokeIntoD() {
        String decomposed = Normalizer.normalize("Mời số A012 đến quầy 5, Đà Nẵng", Normalizer.Form.NFD);
        assertThat(NotificationText.unaccented(decomposed)).isEqualTo("Moi so A012 den quay 5, Da Nang");
        assertThat(NotificationText.unaccented(NotificationText.nearTurn("B007", 2, "Quận Hải Châu")))
                .isEqualTo("Sap den luot so B007 tai Quan Hai Chau: con 1 nguoi truoc ban. Vui long quay lai khu cho.");
    }

    @Test
    void aNotificationsTextNeverHoldsThePhoneNumber() {
        Notification called = new Notification(
                "T1:called", NotificationKind.CALLED, PhoneNumber.require("0912345678"), "A012", SITE, 0, "5");
        assertThat(called.text()).doesNotContain("912345678").contains("quầy 5");
        assertThat(called.toString()).doesNotContain("912345678");
    }
}
