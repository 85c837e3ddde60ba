package org.xephang.device.printer.escpos;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.xephang.device.InvalidDeviceUriException;
import org.xephang.device.printer.Align;
import org.xephang.device.printer.TextSize;
import org.xephang.device.printer.TicketDocument;
import org.xephang.device.printer.TicketDocument.BigNumber;
import org.xephang.device.printer.TicketDocument.Code128;
import org.xephang.device.printer.TicketDocument.Columns;
import org.xephang.device.printer.TicketDocument.Cut;
import org.xephang.device.printer.TicketDocument.Element;
import org.xephang.device.printer.TicketDocument.Feed;
import org.xephang.device.printer.TicketDocument.Qr;
import org.xephang.device.printer.TicketDocument.Separator;
import org.xephang.device.printer.TicketDocument.Text;

/**
 * Turns a {@link TicketDocument} into ESC/POS bytes for one printer profile and mode (docs/devices.md §1): a pure
 * function of its inputs, with a comment per command for golden files.
 *
 * <p>Immutable; safe from any thread.
 */
public final class EscPosEncoder {

    private static final int ESC = 0x1B;
    private static final int GS = 0x1D;
    private static final int FS = 0x1C;
    private static final int LF = 0x0A;
    /** QR error correction level M. */
    private static final int QR_EC_M = 49;
    /** Dots per text line of font A with default line spacing. */
    private static final int TEXT_LINE_DOTS = 30;

    private final PrinterProfile profile;
    private final EscPosMode mode;
    private final TicketRasterizer rasterizer;

    /**
     * @throws InvalidDeviceUriException if the mode needs something the profile lacks (text mode without TCVN-3)
     */
    public EscPosEncoder(PrinterProfile profile, EscPosMode mode) throws InvalidDeviceUriException {
        if (mode == EscPosMode.TEXT && !profile.hasTcvn3()) {
            throw new InvalidDeviceUriException(
                    "printer profile " + profile.id() + " has no TCVN-3 code table: use mode=raster or mode=hybrid");
        }
        this.profile = profile;
        this.mode = mode;
        this.rasterizer = new TicketRasterizer(profile.dotsPerLine());
    }

    public PrinterProfile profile() {
        return profile;
    }

    public EscPosMode mode() {
        return mode;
    }

    /** Encodes a whole ticket, from {@code ESC @} to the cut. */
    public EscPosJob encode(TicketDocument document) {
        Session s = new Session();
        s.add(EscPosCommand.of("initialise", ESC, '@'));
        if (profile.leaveChineseMode()) {
            s.add(EscPosCommand.of("leave Chinese double-byte mode", FS, '.'));
        }
        for (Element element : document.elements()) {
            encode(element, s);
        }
        return new EscPosJob(s.commands, s.paperDots);
    }

    private void encode(Element element, Session s) {
        if (element instanceof Text t) {
            if (mode == EscPosMode.TEXT) {
                textLines(t.text(), t.align(), t.size(), t.bold(), s);
            } else {
                raster(rasterizer.text(t), t.align(), "'" + t.text() + "'", s);
            }
        } else if (element instanceof Columns c) {
            if (mode == EscPosMode.TEXT) {
                int gap = profile.charsPerLine() - c.left().length() - c.right().length();
                if (gap >= 1) {
                    textLines(c.left() + " ".repeat(gap) + c.right(), Align.LEFT, TextSize.NORMAL, c.bold(), s);
                } else {
                    textLines(c.left(), Align.LEFT, TextSize.NORMAL, c.bold(), s);
                    textLines(c.right(), Align.RIGHT, TextSize.NORMAL, c.bold(), s);
                }
            } else {
                raster(rasterizer.columns(c), Align.LEFT, "'" + c.left() + "' | '" + c.right() + "'", s);
            }
        } else if (element instanceof BigNumber b) {
            if (mode == EscPosMode.RASTER) {
                raster(rasterizer.bigNumber(b), Align.CENTRE, "big number " + b.number(), s);
            } else {
                bigNumber(b, s);
            }
        } else if (element instanceof Qr q) {
            if (mode == EscPosMode.RASTER || !profile.nativeQr()) {
                raster(rasterizer.qr(q), Align.CENTRE, "QR " + q.data(), s);
            } else {
                nativeQr(q, s);
            }
        } else if (element instanceof Code128 c) {
            if (mode == EscPosMode.RASTER) {
                raster(rasterizer.code128(c), Align.CENTRE, "Code128 " + c.data(), s);
            } else {
                nativeCode128(c, s);
            }
        } else if (element instanceof Separator) {
            if (mode == EscPosMode.TEXT) {
                // Half the width, centred: reads as a separator and saves bytes on the text fast path.
                textLines("-".repeat(profile.charsPerLine() / 2), Align.CENTRE, TextSize.NORMAL, false, s);
            } else {
                raster(rasterizer.separator(), Align.LEFT, "separator", s);
            }
        } else if (element instanceof Feed f) {
            s.add(EscPosCommand.of("feed " + f.lines() + " lines", ESC, 'd', f.lines()));
            s.paperDots += f.lines() * TEXT_LINE_DOTS;
        } else if (element instanceof Cut) {
            if (profile.cutter()) {
                s.add(EscPosCommand.of("feed to the cutter and partial cut", GS, 'V', 66, 0));
            } else {
                s.add(EscPosCommand.of("feed 4 lines to tear off (no cutter)", ESC, 'd', 4));
            }
            s.paperDots += 4 * TEXT_LINE_DOTS;
        }
    }

    private void textLines(String text, Align align, TextSize size, boolean bold, Session s) {
        s.align(align);
        s.bold(bold);
        s.size((size.widthMultiplier() - 1) << 4 | (size.heightMultiplier() - 1));
        int perLine = profile.charsPerLine() / size.widthMultiplier();
        for (String line : wrapByChars(text, perLine)) {
            tcvnText(line, s);
            s.add(EscPosCommand.of("line feed", LF));
            s.paperDots += TEXT_LINE_DOTS * size.heightMultiplier();
        }
    }

    private void tcvnText(String line, Session s) {
        ByteArrayOutputStream run = new ByteArrayOutputStream();
        StringBuilder runText = new StringBuilder();
        List<Tcvn3.Glyph> glyphs = Tcvn3.encode(line);
        for (int i = 0; i < glyphs.size(); i++) {
            Tcvn3.Glyph g = glyphs.get(i);
            Tcvn3.Table need = g.table() == Tcvn3.Table.EITHER && s.table < 0 ? firstCaseFrom(glyphs, i) : g.table();
            int table = need == Tcvn3.Table.EITHER
                    ? s.table
                    : profile.tcvnTable(need == Tcvn3.Table.UPPER).orElseThrow();
            if (table != s.table) {
                s.flushText(run, runText);
                s.add(EscPosCommand.of(
                        "code table " + table
                                + (need == Tcvn3.Table.UPPER ? " (TCVN-3 upper case)" : " (TCVN-3 lower case)"),
                        ESC,
                        't',
                        table));
                s.table = table;
            }
            run.write(g.code());
            runText.append(line.charAt(i));
        }
        s.flushText(run, runText);
    }

    /** The table the next case-sensitive letter needs (so a line starts in the right table), LOWER if none. */
    private static Tcvn3.Table firstCaseFrom(List<Tcvn3.Glyph> glyphs, int from) {
        for (int i = from; i < glyphs.size(); i++) {
            if (glyphs.get(i).table() != Tcvn3.Table.EITHER) {
                return glyphs.get(i).table();
            }
        }
        return Tcvn3.Table.LOWER;
    }

    private void bigNumber(BigNumber b, Session s) {
        int scale = Math.max(2, Math.min(5, profile.charsPerLine() / b.number().length() - 1));
        s.align(Align.CENTRE);
        s.bold(true);
        s.size((scale - 1) << 4 | (scale - 1));
        s.add(new EscPosCommand(b.number().getBytes(StandardCharsets.US_ASCII), "big number " + b.number()));
        s.add(EscPosCommand.of("line feed", LF));
        s.paperDots += TEXT_LINE_DOTS * scale;
    }

    private void nativeQr(Qr q, Session s) {
        byte[] data = q.data().getBytes(StandardCharsets.UTF_8);
        int storeLength = data.length + 3;
        s.align(Align.CENTRE);
        s.add(EscPosCommand.of("QR model 2", GS, '(', 'k', 4, 0, 0x31, 0x41, 0x32, 0));
        s.add(EscPosCommand.of(
                "QR module size " + q.moduleDots() + " dots", GS, '(', 'k', 3, 0, 0x31, 0x43, q.moduleDots()));
        s.add(EscPosCommand.of("QR error correction M", GS, '(', 'k', 3, 0, 0x31, 0x45, QR_EC_M));
        ByteArrayOutputStream store = new ByteArrayOutputStream();
        store.writeBytes(
                new byte[] {GS, '(', 'k', (byte) (storeLength & 0xFF), (byte) (storeLength >> 8), 0x31, 0x50, 0x30});
        store.writeBytes(data);
        s.add(new EscPosCommand(store.toByteArray(), "QR store " + data.length + " bytes: " + q.data()));
        s.add(EscPosCommand.of("QR print", GS, '(', 'k', 3, 0, 0x31, 0x51, 0x30));
        s.paperDots += 30 * q.moduleDots();
    }

    private void nativeCode128(Code128 c, Session s) {
        byte[] data = ("{B" + c.data()).getBytes(StandardCharsets.US_ASCII);
        s.align(Align.CENTRE);
        s.add(EscPosCommand.of("barcode height 80 dots", GS, 'h', 80));
        s.add(EscPosCommand.of("barcode module width 2", GS, 'w', 2));
        s.add(EscPosCommand.of("barcode text below", GS, 'H', 2));
        ByteArrayOutputStream cmd = new ByteArrayOutputStream();
        cmd.writeBytes(new byte[] {GS, 'k', 73, (byte) data.length});
        cmd.writeBytes(data);
        s.add(new EscPosCommand(cmd.toByteArray(), "Code128 set B, " + data.length + " bytes: " + c.data()));
        s.paperDots += 110;
    }

    /**
     * Sends an image. RASTER mode: full width, so it prints the same whether or not the printer applies
     * {@code ESC a} to images. HYBRID: cropped to the ink and placed with {@code ESC a}, blank rows replaced by
     * {@code ESC J} feeds, to save bytes.
     */
    private void raster(MonoImage image, Align align, String what, Session s) {
        MonoImage out = image;
        int top = 0;
        int bottom = 0;
        if (mode == EscPosMode.HYBRID) {
            int[] ink = image.inkBounds();
            if (ink[2] == 0) {
                feedDots(image.height(), s);
                return;
            }
            boolean full = ink[2] > image.width() - 16;
            int x = full ? 0 : ink[0];
            int w = full ? image.width() : ink[2];
            if (align == Align.LEFT) {
                w += x;
                x = 0;
            } else if (align == Align.RIGHT) {
                w = image.width() - x;
            }
            out = image.crop(x, ink[1], w, ink[3]);
            top = ink[1];
            bottom = image.height() - ink[1] - ink[3];
            s.align(align);
        } else {
            s.align(Align.LEFT);
        }
        feedDots(top, s);
        int bpr = out.bytesPerRow();
        int bands = (out.height() + profile.maxBandRows() - 1) / profile.maxBandRows();
        for (int band = 0, row = 0; row < out.height(); band++, row += profile.maxBandRows()) {
            int rows = Math.min(profile.maxBandRows(), out.height() - row);
            ByteArrayOutputStream cmd = new ByteArrayOutputStream(8 + bpr * rows);
            cmd.writeBytes(new byte[] {GS, 'v', '0', 0, (byte) (bpr & 0xFF), (byte) (bpr >> 8), (byte) rows, 0});
            cmd.writeBytes(out.rowBytes(row, rows));
            s.add(new EscPosCommand(
                    cmd.toByteArray(),
                    "raster " + (bpr * 8) + "×" + rows + (bands > 1 ? " band " + (band + 1) + "/" + bands : "") + ": "
                            + what));
        }
        s.paperDots += out.height();
        feedDots(bottom, s);
    }

    private void feedDots(int dots, Session s) {
        int left = dots;
        while (left > 0) {
            int n = Math.min(255, left);
            s.add(EscPosCommand.of("feed " + n + " dots", ESC, 'J', n));
            left -= n;
        }
        s.paperDots += dots;
    }

    static List<String> wrapByChars(String text, int perLine) {
        return WordWrap.wrap(text, line -> line.length() <= perLine);
    }

    /** Printer state while encoding, so that settings are sent only when they change. */
    private static final class Session {
        final List<EscPosCommand> commands = new ArrayList<>();
        int paperDots;
        Align align;
        int bold = -1;
        int size = -1;
        int table = -1;

        void add(EscPosCommand c) {
            commands.add(c);
        }

        void align(Align a) {
            if (a != align) {
                add(EscPosCommand.of(
                        "align " + a.name().toLowerCase(java.util.Locale.ROOT), ESC, 'a', TicketRasterizer.escA(a)));
                align = a;
            }
        }

        void bold(boolean on) {
            int v = on ? 1 : 0;
            if (v != bold) {
                add(EscPosCommand.of(on ? "bold on" : "bold off", ESC, 'E', v));
                bold = v;
            }
        }

        void size(int n) {
            if (n != size) {
                add(EscPosCommand.of("character size " + ((n >> 4) + 1) + "×" + ((n & 0x0F) + 1), GS, '!', n));
                size = n;
            }
        }

        void flushText(ByteArrayOutputStream run, StringBuilder runText) {
            if (run.size() > 0) {
                add(new EscPosCommand(run.toByteArray(), "text '" + runText + "'"));
                run.reset();
                runText.setLength(0);
            }
        }
    }
}
