package org.xephang.device.printer.escpos;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * A 1-bit image in ESC/POS raster layout: rows of bytes, most significant bit = leftmost dot, 1 = black.
 *
 * <p>Immutable after construction (the array is not shared); safe from any thread.
 */
public final class MonoImage {

    private final int width;
    private final int height;
    private final byte[] rows;

    private MonoImage(int width, int height, byte[] rows) {
        this.width = width;
        this.height = height;
        this.rows = rows;
    }

    /** Wraps raster rows (copied). */
    public static MonoImage ofRows(int width, int height, byte[] rows) {
        int bpr = (width + 7) / 8;
        if (rows.length < bpr * height) {
            throw new IllegalArgumentException("need " + bpr * height + " bytes for " + width + "×" + height);
        }
        return new MonoImage(width, height, Arrays.copyOf(rows, bpr * height));
    }

    /** Thresholds an image: any pixel darker than mid-grey is black. */
    public static MonoImage of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int bpr = (w + 7) / 8;
        byte[] rows = new byte[bpr * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.getRGB(x, y);
                int luminance = ((rgb >> 16 & 0xFF) * 299 + (rgb >> 8 & 0xFF) * 587 + (rgb & 0xFF) * 114) / 1000;
                boolean opaque = (rgb >>> 24) > 127;
                if (opaque && luminance < 128) {
                    rows[y * bpr + x / 8] |= (byte) (0x80 >> (x % 8));
                }
            }
        }
        return new MonoImage(w, h, rows);
    }

    /** An all-white image. */
    public static MonoImage blank(int width, int height) {
        return new MonoImage(width, height, new byte[((width + 7) / 8) * height]);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int bytesPerRow() {
        return (width + 7) / 8;
    }

    /** Whether the dot at (x, y) is black. */
    public boolean black(int x, int y) {
        return (rows[y * bytesPerRow() + x / 8] & (0x80 >> (x % 8))) != 0;
    }

    /** A copy of the raster bytes for rows {@code [fromRow, fromRow + count)}. */
    public byte[] rowBytes(int fromRow, int count) {
        int bpr = bytesPerRow();
        return Arrays.copyOfRange(rows, fromRow * bpr, (fromRow + count) * bpr);
    }

    /** The image as black-on-white pixels. */
    public BufferedImage toBufferedImage() {
        BufferedImage out = new BufferedImage(Math.max(1, width), Math.max(1, height), BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out.setRGB(x, y, black(x, y) ? 0xFF000000 : 0xFFFFFFFF);
            }
        }
        return out;
    }

    /** The smallest box holding every black dot as {x, y, width, height}; all zero when blank. */
    public int[] inkBounds() {
        int minX = width;
        int minY = height;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (black(x, y)) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        return maxX < 0 ? new int[] {0, 0, 0, 0} : new int[] {minX, minY, maxX - minX + 1, maxY - minY + 1};
    }

    /** The part of this image in the given box. */
    public MonoImage crop(int x, int y, int w, int h) {
        BufferedImage src = toBufferedImage();
        return of(src.getSubimage(x, y, Math.max(1, w), Math.max(1, h)));
    }
}
