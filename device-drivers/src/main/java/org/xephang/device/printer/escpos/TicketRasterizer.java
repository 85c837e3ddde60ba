package org.xephang.device.printer.escpos;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.oned.Code128Writer;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.xephang.device.printer.Align;
import org.xephang.device.printer.TextSize;
import org.xephang.device.printer.TicketDocument;

/**
 * Renders ticket elements to 1-bit images with the bundled Noto Sans font (SIL OFL), anti-aliasing off, so the result
 * is the same on every machine and every printer.
 *
 * <p>Immutable; safe from any thread (each call uses its own image and graphics).
 */
public final class TicketRasterizer {

    /** Font size in pixels (dots) of normal text: about 2.8 mm at 203 dpi, close to the printers' font A. */
    static final float NORMAL_PX = 22f;

    /** Font size of the big number. */
    static final float BIG_NUMBER_PX = 128f;

    private static final Font REGULAR = load("NotoSans-Regular.ttf");
    private static final Font BOLD = load("NotoSans-Bold.ttf");

    private final int width;

    /** @param width the paper's printable width in dots */
    public TicketRasterizer(int width) {
        this.width = width;
    }

    private static Font load(String name) {
        try (InputStream in = TicketRasterizer.class.getResourceAsStream("/org/xephang/device/printer/font/" + name)) {
            if (in == null) {
                throw new IllegalStateException("bundled font " + name + " is missing from the jar");
            }
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled font " + name, e);
        } catch (FontFormatException e) {
            throw new IllegalStateException("bundled font " + name + " is damaged", e);
        }
    }

    /** The bundled font at {@code px} pixels, stretched to a character size (for simulators drawing text). */
    public static Font font(boolean bold, float px, TextSize size) {
        Font base = (bold ? BOLD : REGULAR).deriveFont(px * size.widthMultiplier());
        if (size.heightMultiplier() != size.widthMultiplier()) {
            double stretch = (double) size.heightMultiplier() / size.widthMultiplier();
            return base.deriveFont(AffineTransform.getScaleInstance(1, stretch));
        }
        return base;
    }

    /** A line of text (wrapped over several lines when too wide), positioned across the full width. */
    public MonoImage text(TicketDocument.Text text) {
        Font font = font(text.bold(), NORMAL_PX, text.size());
        List<String> lines = wrap(text.text(), font);
        FontMetrics fm = metrics(font);
        int lineHeight = fm.getAscent() + fm.getDescent();
        BufferedImage img = canvas(width, lineHeight * lines.size());
        Graphics2D g = graphics(img, font);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int w = fm.stringWidth(line);
            int x = switch (text.align()) {
                case LEFT -> 0;
                case CENTRE -> Math.max(0, (width - w) / 2);
                case RIGHT -> Math.max(0, width - w);
            };
            g.drawString(line, x, i * lineHeight + fm.getAscent());
        }
        g.dispose();
        return MonoImage.of(img);
    }

    /** Left text flush left, right text flush right, on one line (two lines if they do not fit together). */
    public MonoImage columns(TicketDocument.Columns columns) {
        Font font = font(columns.bold(), NORMAL_PX, TextSize.NORMAL);
        FontMetrics fm = metrics(font);
        int lw = fm.stringWidth(columns.left());
        int rw = fm.stringWidth(columns.right());
        int lineHeight = fm.getAscent() + fm.getDescent();
        boolean together = lw + rw + fm.stringWidth("  ") <= width;
        BufferedImage img = canvas(width, lineHeight * (together ? 1 : 2));
        Graphics2D g = graphics(img, font);
        g.drawString(columns.left(), 0, fm.getAscent());
        g.drawString(columns.right(), Math.max(0, width - rw), (together ? 0 : lineHeight) + fm.getAscent());
        g.dispose();
        return MonoImage.of(img);
    }

    /** The ticket number in large bold figures, centred. */
    public MonoImage bigNumber(TicketDocument.BigNumber number) {
        float px = BIG_NUMBER_PX;
        Font font = BOLD.deriveFont(px);
        FontMetrics fm = metrics(font);
        while (fm.stringWidth(number.number()) > width && px > 24) {
            px -= 8;
            font = BOLD.deriveFont(px);
            fm = metrics(font);
        }
        // Capitals and digits only: no descenders, no marks above the cap height.
        int capHeight = (int) Math.ceil(font.createGlyphVector(fm.getFontRenderContext(), "H")
                .getVisualBounds()
                .getHeight());
        BufferedImage img = canvas(width, capHeight + 8);
        Graphics2D g = graphics(img, font);
        g.drawString(number.number(), (width - fm.stringWidth(number.number())) / 2, capHeight + 4);
        g.dispose();
        return MonoImage.of(img);
    }

    /** A QR code (model 2, error correction M, quiet zone of 2 modules), centred. */
    public MonoImage qr(TicketDocument.Qr qr) {
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter()
                    .encode(
                            qr.data(),
                            BarcodeFormat.QR_CODE,
                            0,
                            0,
                            Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode QR: " + e.getMessage(), e);
        }
        return centred(matrix, qr.moduleDots(), qr.moduleDots());
    }

    /** A Code128 barcode, 2 dots per module, 80 dots high, text below, centred. */
    public MonoImage code128(TicketDocument.Code128 code) {
        BitMatrix matrix = new Code128Writer().encode(code.data(), BarcodeFormat.CODE_128, 0, 1);
        int module = matrix.getWidth() * 2 <= width ? 2 : 1;
        MonoImage bars = centred(matrix, module, 80);
        Font font = font(false, NORMAL_PX, TextSize.NORMAL);
        FontMetrics fm = metrics(font);
        BufferedImage img = canvas(width, bars.height() + fm.getAscent() + fm.getDescent());
        Graphics2D g = graphics(img, font);
        g.drawImage(bars.toBufferedImage(), 0, 0, null);
        g.drawString(code.data(), (width - fm.stringWidth(code.data())) / 2, bars.height() + fm.getAscent());
        g.dispose();
        return MonoImage.of(img);
    }

    /** A dashed line across the paper, 2 dots thick, with 6 dots of space above and below. */
    public MonoImage separator() {
        BufferedImage img = canvas(width, 14);
        Graphics2D g = graphics(img, REGULAR);
        for (int x = 0; x < width; x += 12) {
            g.fillRect(x, 6, 8, 2);
        }
        g.dispose();
        return MonoImage.of(img);
    }

    private MonoImage centred(BitMatrix matrix, int moduleWidth, int moduleHeight) {
        int w = matrix.getWidth() * moduleWidth;
        int h = matrix.getHeight() * moduleHeight;
        BufferedImage img = canvas(width, h);
        Graphics2D g = graphics(img, REGULAR);
        int left = Math.max(0, (width - w) / 2);
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                if (matrix.get(x, y)) {
                    g.fillRect(left + x * moduleWidth, y * moduleHeight, moduleWidth, moduleHeight);
                }
            }
        }
        g.dispose();
        return MonoImage.of(img);
    }

    private List<String> wrap(String text, Font font) {
        FontMetrics fm = metrics(font);
        return WordWrap.wrap(text, line -> fm.stringWidth(line) <= width);
    }

    /** Metrics of a font as drawn with anti-aliasing and fractional metrics off. */
    public static FontMetrics metrics(Font font) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_BINARY);
        Graphics2D g = graphics(scratch, font);
        FontMetrics fm = g.getFontMetrics();
        g.dispose();
        return fm;
    }

    private static BufferedImage canvas(int w, int h) {
        BufferedImage img = new BufferedImage(Math.max(1, w), Math.max(1, h), BufferedImage.TYPE_BYTE_BINARY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.dispose();
        return img;
    }

    private static Graphics2D graphics(BufferedImage img, Font font) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.BLACK);
        g.setFont(font);
        return g;
    }

    /** Alignment as an {@code ESC a} argument. */
    static int escA(Align align) {
        return switch (align) {
            case LEFT -> 0;
            case CENTRE -> 1;
            case RIGHT -> 2;
        };
    }
}
