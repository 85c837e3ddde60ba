package org.xephang.device.printer;

/** Character size relative to the printer's normal font (ESC/POS {@code GS !} multipliers). */
public enum TextSize {
    NORMAL(1, 1),
    DOUBLE_HEIGHT(1, 2),
    DOUBLE(2, 2);

    private final int widthMultiplier;
    private final int heightMultiplier;

    TextSize(int widthMultiplier, int heightMultiplier) {
        this.widthMultiplier = widthMultiplier;
        this.heightMultiplier = heightMultiplier;
    }

    public int widthMultiplier() {
        return widthMultiplier;
    }

    public int heightMultiplier() {
        return heightMultiplier;
    }
}
