package org.xephang.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;

class PhoneNumberTest {

    @Test
    void everyWrittenFormOfAMobileNumberNormalisesToTheSameNumber() {
        for (String written : List.of(
                "0912345678",
                " 0912 345 678 ",
                "0912.345.678",
                "091-234-5678",
                "+84912345678",
                "+84 912 345 678",
                "(+84) 912-345-678",
                "84912345678",
                "+840912345678")) {
            PhoneNumber phone = PhoneNumber.parse(written).orElseThrow(() -> new AssertionError(written));
            assertThat(phone.national()).as(written).isEqualTo("0912345678");
            assertThat(phone.e164()).isEqualTo("+84912345678");
            assertThat(phone.msisdn()).isEqualTo("84912345678");
        }
    }

    @Test
    void everyMobilePrefixIsAccepted() {
        for (String prefix : List.of("03", "05", "07", "08", "09")) {
            assertThat(PhoneNumber.parse(prefix + "12345678")).as(prefix).isPresent();
        }
    }

    @Test
    void landlinesShortCodesAndMalformedInputAreRefused() {
        for (String bad : List.of(
                "",
                "   ",
                "02838123456", // Hồ Chí Minh City landline
                "0112345678", // no mobile prefix
                "0412345678",
                "0612345678",
                "091234567", // 9 digits
                "09123456789", // 11 digits
                "912345678", // no leading 0
                "+85912345678", // another country
                "+1 212 555 0100",
                "84 0912345678 9",
                "0912345678a",
                "09l2345678",
                "0912/345/678",
                "+84+912345678",
                "1900 1234",
                "0".repeat(40))) {
            assertThat(PhoneNumber.parse(bad)).as("'%s'", bad).isEmpty();
        }
        assertThat(PhoneNumber.parse(null)).isEmpty();
    }

    @Test
    void aRefusedNumberIsAnInvalidRequestWithAVietnameseMessage() {
        assertThatThrownBy(() -> PhoneNumber.require("02838123456")).isInstanceOfSatisfying(QueueError.class, error -> {
            assertThat(error.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(error.getMessage()).startsWith("Số điện thoại không hợp lệ");
            assertThat(error.getMessage()).doesNotContain("02838123456");
        });
    }

    @Test
    void onlyTheLastThreeDigitsEverShowInTextForm() {
        PhoneNumber phone = PhoneNumber.require("0912345678");
        assertThat(phone.masked()).isEqualTo("*******678");
        assertThat(phone.toString()).isEqualTo("*******678");
        assertThat("" + phone).doesNotContain("912345");
    }

    @Test
    void numbersAreEqualByTheirNormalisedForm() {
        assertThat(PhoneNumber.require("+84 912 345 678")).isEqualTo(PhoneNumber.require("0912345678"));
        assertThat(PhoneNumber.require("+84 912 345 678")).hasSameHashCodeAs(PhoneNumber.require("0912345678"));
        assertThat(PhoneNumber.require("0912345678")).isNotEqualTo(PhoneNumber.require("0912345679"));
    }
}
