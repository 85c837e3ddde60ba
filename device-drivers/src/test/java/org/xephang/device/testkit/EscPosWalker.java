package org.xephang.device.testkit;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xephang.device.printer.escpos.MonoImage;
import org.xephang.device.printer.sim.EscPosCommandReader;
import org.xephang.device.printer.sim.EscPosCommandReader.Command;
import org.xephang.device.printer.sim.PaperRoll;

/**
 * Walks an ESC/POS job as a printer would, for tests (ours and the kiosk's): which commands, what text comes out
 * per code table, which QR codes can be read back from the paper (native ones by their data, raster ones by ZXing),
 * and whether the job ends with a cut.
 *
 * <pre>{@code
 * EscPosWalker.Walk walk = EscPosWalker.walk(bytes, 576);
 * assertThat(walk.qrCodes()).containsExactly("https://…/t/01JD…");
 * assertThat(walk.endsWithCut()).isTrue();
 * }</pre>
 */
public final class EscPosWalker {

    private EscPosWalker() {}

    /** The result of walking one job. */
    public record Walk(List<Command> commands, PaperRoll roll) {

        /** Text printed as text (decoded per code table), one line per printed line. */
        public String text() {
            return roll.text();
        }

        /** The readable paper transcript. */
        public List<String> transcript() {
            return roll.transcript();
        }

        /** The paper image. */
        public BufferedImage image() {
            return roll.image();
        }

        /** Native QR contents plus every QR ZXing can read in the raster images, in order. */
        public List<String> qrCodes() {
            List<String> found = new ArrayList<>(roll.qrCodes());
            for (MonoImage raster : roll.rasters()) {
                String decoded = decodeQr(raster);
                if (decoded != null) {
                    found.add(decoded);
                }
            }
            return found;
        }

        /** Whether the last command that prints anything is a cut. */
        public boolean endsWithCut() {
            for (int i = commands.size() - 1; i >= 0; i--) {
                EscPosCommandReader.Kind kind = commands.get(i).kind();
                if (kind == EscPosCommandReader.Kind.CUT) {
                    return true;
                }
                if (kind != EscPosCommandReader.Kind.REALTIME_STATUS
                        && kind != EscPosCommandReader.Kind.SEQUENCED_STATUS) {
                    return false;
                }
            }
            return false;
        }

        /** Commands of one kind. */
        public List<Command> commands(EscPosCommandReader.Kind kind) {
            return commands.stream().filter(c -> c.kind() == kind).toList();
        }
    }

    /** Walks {@code job} on paper {@code widthDots} wide. */
    public static Walk walk(byte[] job, int widthDots) {
        EscPosCommandReader reader = new EscPosCommandReader(new ByteArrayInputStream(job));
        PaperRoll roll = new PaperRoll(widthDots);
        List<Command> commands = new ArrayList<>();
        try {
            for (Command c = reader.next(); c != null; c = reader.next()) {
                commands.add(c);
                roll.apply(c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("job is cut short after " + commands.size() + " commands", e);
        }
        return new Walk(List.copyOf(commands), roll);
    }

    private static RGBLuminanceSource luminance(BufferedImage image) {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
    }

    /** The content of a QR code in {@code image}, or {@code null} if there is none. */
    public static String decodeQr(MonoImage image) {
        BufferedImage src = image.toBufferedImage();
        // A white border, as on paper, so the finder patterns are found at the image edge too.
        BufferedImage padded = new BufferedImage(src.getWidth() + 40, src.getHeight() + 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = padded.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, padded.getWidth(), padded.getHeight());
        g.drawImage(src, 20, 20, null);
        g.dispose();
        try {
            Result result = new QRCodeReader()
                    .decode(
                            new BinaryBitmap(new HybridBinarizer(luminance(padded))),
                            Map.of(
                                    DecodeHintType.TRY_HARDER,
                                    Boolean.TRUE,
                                    DecodeHintType.POSSIBLE_FORMATS,
                                    List.of(BarcodeFormat.QR_CODE)));
            return result.getText();
        } catch (NotFoundException e) {
            return null; // most raster images are text, not QR codes
        } catch (ReaderException e) {
            throw new AssertionError("a QR code was found but cannot be read: " + e, e);
        }
    }
}
