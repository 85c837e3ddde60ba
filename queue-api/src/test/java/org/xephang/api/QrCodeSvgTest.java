package org.xephang.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class QrCodeSvgTest {

    private static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");
    private static final Pattern SQUARE = Pattern.compile("M(\\d+) (\\d+)h1v1h-1z");

    @Test
    void theSvgReadsBackAsTheTextItEncodes() throws Exception {
        String text = "https://xephang.example/tra-cuu/HS-2026-000123";

        assertThat(decode(QrCodeSvg.of(text))).isEqualTo(text);
    }

    @Test
    void aBookingCodeStaysAVersionOneSymbolWithItsQuietZone() throws Exception {
        String svg = QrCodeSvg.of("K7M2Q9XA");

        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").contains("fill=\"#fff\"");
        assertThat(svg).contains("viewBox=\"0 0 29 29\""); // 21 modules and a quiet zone of 4 on each side
        assertThat(decode(svg)).isEqualTo("K7M2Q9XA");
    }

    @Test
    void aTextTooLongForAQrCodeIsRefusedWithItsReason() {
        assertThatThrownBy(() -> QrCodeSvg.of("x".repeat(5000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot encode as QR");
    }

    /** Paints the SVG's unit squares 4 pixels each and reads them with zxing's own reader. */
    private static String decode(String svg) throws Exception {
        Matcher box = VIEW_BOX.matcher(svg);
        assertThat(box.find()).isTrue();
        int size = Integer.parseInt(box.group(1));
        int scale = 4;
        int[] pixels = new int[size * scale * size * scale];
        java.util.Arrays.fill(pixels, 0xFFFFFFFF);
        Matcher square = SQUARE.matcher(svg);
        while (square.find()) {
            int x = Integer.parseInt(square.group(1));
            int y = Integer.parseInt(square.group(2));
            for (int dy = 0; dy < scale; dy++) {
                for (int dx = 0; dx < scale; dx++) {
                    pixels[(y * scale + dy) * size * scale + x * scale + dx] = 0xFF000000;
                }
            }
        }
        RGBLuminanceSource source = new RGBLuminanceSource(size * scale, size * scale, pixels);
        return new QRCodeReader()
                .decode(new BinaryBitmap(new HybridBinarizer(source)))
                .getText();
    }
}
