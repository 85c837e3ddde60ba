package org.xephang.device.printer.sim;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.oned.Code128Writer;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xephang.device.printer.TextSize;
import org.xephang.device.printer.escpos.MonoImage;
import org.xephang.device.printer.escpos.Tcvn3;
import org.xephang.device.printer.escpos.TicketRasterizer;
import org.xephang.device.printer.sim.EscPosCommandReader.Command;

/**
 * What a printer would put on paper for a stream of ESC/POS commands: an image of the roll and a readable transcript
 * (one line per printed line, image, code or cut). Text is drawn with the bundled font and decoded per code table
 * (TCVN-3 tables 30/31, otherwise ASCII).
 *
 * <p>Not thread-safe: one roll per job.
 */
public final class PaperRoll {

    private static final int FONT_A_HEIGHT = 24;
    private static final int LINE_DOTS = 30;

    private final int width;
    private final List<BufferedImage> strips = new ArrayList<>();
    private final List<String> transcript = new ArrayList<>();
    private final StringBuilder line = new StringBuilder();
    private final List<MonoImage> rasters = new ArrayList<>();
    private final List<String> qrCodes = new ArrayList<>();
    private final StringBuilder allText = new StringBuilder();
    private int align;
    private boolean bold;
    private int size;
    private int table;
    private int qrModule = 3;
    private String qrStored;
    private int barcodeHeight = 162;
    private int barcodeWidth = 3;
    private boolean cut;
    private int unknownCommands;

    /** @param width the printable width in dots */
    public PaperRoll(int width) {
        this.width = width;
    }

    /** Applies one command. Status commands do not print and are ignored here. */
    public void apply(Command c) {
        switch (c.kind()) {
            case INIT -> {
                flushLine();
                align = 0;
                bold = false;
                size = 0;
                table = 0;
            }
            case CODE_TABLE -> table = c.arg();
            case ALIGN -> align = c.arg() % 48;
            case BOLD -> bold = (c.arg() & 1) != 0;
            case SIZE -> size = c.arg();
            case PRINT_MODE -> bold = (c.arg() & 0x08) != 0;
            case TEXT -> line.append(decode(c.data()));
            case LINE_FEED -> {
                flushLine();
            }
            case FEED_LINES -> {
                flushLine();
                blank(c.arg() * LINE_DOTS);
                if (c.arg() > 0) {
                    transcript.add("[feed " + c.arg() + " lines]");
                }
            }
            case FEED_DOTS -> {
                flushLine();
                blank(c.arg());
            }
            case CUT -> {
                flushLine();
                blank(LINE_DOTS * 2);
                BufferedImage mark = canvas(4);
                Graphics2D g = mark.createGraphics();
                g.setColor(Color.GRAY);
                for (int x = 0; x < width; x += 16) {
                    g.fillRect(x, 1, 8, 2);
                }
                g.dispose();
                strips.add(mark);
                transcript.add("--- cut ---");
                cut = true;
            }
            case RASTER -> {
                flushLine();
                MonoImage image = MonoImage.ofRows(c.width(), c.height(), c.data());
                rasters.add(image);
                BufferedImage strip = canvas(c.height());
                int x = x(c.width());
                Graphics2D g = strip.createGraphics();
                g.drawImage(image.toBufferedImage(), x, 0, null);
                g.dispose();
                strips.add(strip);
                transcript.add("[raster " + c.width() + "×" + c.height() + " " + alignName() + "]");
            }
            case QR -> qr(c.data());
            case BARCODE_HEIGHT -> barcodeHeight = c.arg();
            case BARCODE_WIDTH -> barcodeWidth = c.arg();
            case BARCODE -> barcode(c);
            case UNKNOWN -> unknownCommands++;
            default -> {
                // status, spacing, underline, Chinese mode: nothing visible to draw
            }
        }
    }

    private void qr(byte[] data) {
        if (data.length < 3) {
            unknownCommands++;
            return;
        }
        int fn = data[1] & 0xFF;
        if (fn == 0x43) {
            qrModule = data[2] & 0xFF;
        } else if (fn == 0x50) {
            qrStored = new String(data, 3, data.length - 3, StandardCharsets.UTF_8);
        } else if (fn == 0x51 && qrStored != null) {
            flushLine();
            try {
                BitMatrix m = new QRCodeWriter()
                        .encode(
                                qrStored,
                                BarcodeFormat.QR_CODE,
                                0,
                                0,
                                Map.of(
                                        EncodeHintType.ERROR_CORRECTION,
                                        ErrorCorrectionLevel.M,
                                        EncodeHintType.MARGIN,
                                        2));
                drawMatrix(m, qrModule, qrModule);
            } catch (WriterException e) {
                transcript.add("[QR cannot be drawn: " + e.getMessage() + "]");
            }
            qrCodes.add(qrStored);
            transcript.add("[QR module " + qrModule + "] " + qrStored);
        }
    }

    private void barcode(Command c) {
        flushLine();
        String data = new String(c.data(), StandardCharsets.US_ASCII);
        if (c.arg() == 73 && data.startsWith("{")) {
            data = data.substring(2);
        }
        BitMatrix m = new Code128Writer().encode(data, BarcodeFormat.CODE_128, 0, 1);
        drawMatrix(m, barcodeWidth, barcodeHeight);
        transcript.add("[Code128] " + data);
    }

    private void drawMatrix(BitMatrix m, int moduleWidth, int moduleHeight) {
        BufferedImage strip = canvas(m.getHeight() * moduleHeight);
        Graphics2D g = strip.createGraphics();
        g.setColor(Color.BLACK);
        int left = x(m.getWidth() * moduleWidth);
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                if (m.get(x, y)) {
                    g.fillRect(left + x * moduleWidth, y * moduleHeight, moduleWidth, moduleHeight);
                }
            }
        }
        g.dispose();
        strips.add(strip);
    }

    private String decode(byte[] data) {
        StringBuilder sb = new StringBuilder();
        for (byte b : data) {
            if (table == 30 || table == 31) {
                sb.append(Tcvn3.decode(b, table == 31));
            } else {
                int v = b & 0xFF;
                sb.append(v >= 0x20 && v < 0x7F ? (char) v : '\uFFFD');
            }
        }
        return sb.toString();
    }

    private void flushLine() {
        if (line.length() == 0) {
            return;
        }
        String text = line.toString();
        line.setLength(0);
        int w = (size >> 4 & 0x07) + 1;
        int h = (size & 0x07) + 1;
        TextSize textSize = w == 1 && h == 1 ? TextSize.NORMAL : w == 1 ? TextSize.DOUBLE_HEIGHT : TextSize.DOUBLE;
        float px = FONT_A_HEIGHT * (w > 2 ? w / 2f : 1f);
        Font font = TicketRasterizer.font(bold, px, textSize);
        FontMetrics fm = TicketRasterizer.metrics(font);
        BufferedImage strip = canvas(Math.max(LINE_DOTS * h, fm.getAscent() + fm.getDescent()));
        Graphics2D g = strip.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
        g.setColor(Color.BLACK);
        g.setFont(font);
        g.drawString(text, x(fm.stringWidth(text)), fm.getAscent());
        g.dispose();
        strips.add(strip);
        allText.append(text).append('\n');
        transcript.add("[" + alignName() + (bold ? " bold" : "") + (size != 0 ? " " + w + "×" + h : "") + "] " + text);
    }

    private int x(int contentWidth) {
        return switch (align) {
            case 1 -> Math.max(0, (width - contentWidth) / 2);
            case 2 -> Math.max(0, width - contentWidth);
            default -> 0;
        };
    }

    private String alignName() {
        return switch (align) {
            case 1 -> "centre";
            case 2 -> "right";
            default -> "left";
        };
    }

    private void blank(int dots) {
        if (dots > 0) {
            strips.add(canvas(dots));
        }
    }

    private BufferedImage canvas(int height) {
        BufferedImage img = new BufferedImage(width, Math.max(1, height), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, img.getHeight());
        g.dispose();
        return img;
    }

    /** The paper so far, with a margin of 16 dots on each side. */
    public BufferedImage image() {
        flushLine();
        int height = strips.stream().mapToInt(BufferedImage::getHeight).sum();
        BufferedImage out = new BufferedImage(width + 32, Math.max(1, height + 32), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        int y = 16;
        for (BufferedImage strip : strips) {
            g.drawImage(strip, 16, y, null);
            y += strip.getHeight();
        }
        g.dispose();
        return out;
    }

    /** One line per printed line, image, code or cut, e.g. {@code [centre bold] SỐ THỨ TỰ}. */
    public List<String> transcript() {
        flushLine();
        return List.copyOf(transcript);
    }

    /** The text lines printed as text (decoded), one per line. */
    public String text() {
        flushLine();
        return allText.toString();
    }

    /** Raster images received, in order. */
    public List<MonoImage> rasters() {
        return List.copyOf(rasters);
    }

    /** Contents of native QR codes printed, in order. */
    public List<String> qrCodes() {
        return List.copyOf(qrCodes);
    }

    /** Whether a cut command was received. */
    public boolean cut() {
        return cut;
    }

    /** How many commands the roll did not understand. */
    public int unknownCommands() {
        return unknownCommands;
    }

    @Override
    public String toString() {
        List<String> lines = transcript();
        return lines.isEmpty() ? "(blank)" : String.join("\n", lines);
    }
}
