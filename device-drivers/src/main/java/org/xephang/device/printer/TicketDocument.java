package org.xephang.device.printer;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What to print, independent of any printer: lines of text, the big ticket number, a QR code, a Code128 barcode,
 * separators, feeds and the final cut. Printers decide how (text, raster or both) from their profile.
 *
 * <p>Text is stored in Unicode NFC. Immutable; safe from any thread.
 *
 * @param elements what to print, top to bottom
 */
public record TicketDocument(List<Element> elements) {

    public TicketDocument {
        elements = List.copyOf(elements);
    }

    /** One printable part of a ticket. */
    public sealed interface Element permits Text, Columns, BigNumber, Qr, Code128, Separator, Feed, Cut {}

    /** A line of text, wrapped at word boundaries if it is too wide. */
    public record Text(String text, Align align, TextSize size, boolean bold) implements Element {
        public Text {
            text = nfc(text);
            Objects.requireNonNull(align, "align");
            Objects.requireNonNull(size, "size");
        }
    }

    /** One line with text on the left and on the right (e.g. people waiting | estimate). */
    public record Columns(String left, String right, boolean bold) implements Element {
        public Columns {
            left = nfc(left);
            right = nfc(right);
        }
    }

    /** The ticket number, very large and bold, centred. ASCII letters and digits only, e.g. {@code A1023}. */
    public record BigNumber(String number) implements Element {
        public BigNumber {
            if (number == null || !number.matches("[A-Z0-9-]{1,8}")) {
                throw new IllegalArgumentException(
                        "big number must be 1–8 capital letters, digits or '-', got '" + number + "'");
            }
        }
    }

    /**
     * A QR code (model 2), centred.
     *
     * @param data the content, e.g. the ticket's status URL
     * @param moduleDots dots per QR module (3–8); 6 gives ~25 mm for a short URL at 203 dpi
     */
    public record Qr(String data, int moduleDots) implements Element {
        public Qr {
            if (data == null || data.isEmpty() || data.length() > 700) {
                throw new IllegalArgumentException("QR data must be 1–700 characters");
            }
            if (moduleDots < 3 || moduleDots > 8) {
                throw new IllegalArgumentException("QR module size must be 3–8 dots, got " + moduleDots);
            }
        }
    }

    /** A Code128 barcode with the text printed below, centred. Printable ASCII only. */
    public record Code128(String data) implements Element {
        public Code128 {
            if (data == null || data.isEmpty() || data.length() > 40 || !data.matches("[\\x20-\\x7E]+")) {
                throw new IllegalArgumentException("Code128 data must be 1–40 printable ASCII characters");
            }
        }
    }

    /** A thin horizontal line across the paper. */
    public record Separator() implements Element {}

    /** Blank space of {@code lines} text lines. */
    public record Feed(int lines) implements Element {
        public Feed {
            if (lines < 1 || lines > 10) {
                throw new IllegalArgumentException("feed must be 1–10 lines, got " + lines);
            }
        }
    }

    /** Feed past the cutter and cut (printers without a cutter feed so the ticket can be torn off). */
    public record Cut() implements Element {}

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** All text the document shows, one entry per element, in order (for tests and logs of the layout). */
    public List<String> texts() {
        List<String> out = new ArrayList<>();
        for (Element e : elements) {
            if (e instanceof Text t) {
                out.add(t.text());
            } else if (e instanceof Columns c) {
                out.add(c.left() + " | " + c.right());
            } else if (e instanceof BigNumber b) {
                out.add(b.number());
            } else if (e instanceof Qr q) {
                out.add("[QR] " + q.data());
            } else if (e instanceof Code128 c) {
                out.add("[Code128] " + c.data());
            }
        }
        return out;
    }

    private static String nfc(String text) {
        Objects.requireNonNull(text, "text");
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("text elements are single lines; split at line breaks: " + text);
        }
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    /** Builds a document top to bottom. Not thread-safe. */
    public static final class Builder {
        private final List<Element> elements = new ArrayList<>();

        private Builder() {}

        public Builder text(String text, Align align, TextSize size, boolean bold) {
            elements.add(new Text(text, align, size, bold));
            return this;
        }

        public Builder text(String text, Align align) {
            return text(text, align, TextSize.NORMAL, false);
        }

        public Builder columns(String left, String right) {
            elements.add(new Columns(left, right, false));
            return this;
        }

        public Builder bigNumber(String number) {
            elements.add(new BigNumber(number));
            return this;
        }

        public Builder qr(String data, int moduleDots) {
            elements.add(new Qr(data, moduleDots));
            return this;
        }

        public Builder code128(String data) {
            elements.add(new Code128(data));
            return this;
        }

        public Builder separator() {
            elements.add(new Separator());
            return this;
        }

        public Builder feed(int lines) {
            elements.add(new Feed(lines));
            return this;
        }

        public Builder cut() {
            elements.add(new Cut());
            return this;
        }

        public Builder add(Element element) {
            elements.add(Objects.requireNonNull(element, "element"));
            return this;
        }

        public TicketDocument build() {
            return new TicketDocument(elements);
        }
    }
}
