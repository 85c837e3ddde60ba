package org.xephang.device.printer;

/** Horizontal alignment of a line on the paper. */
public enum Align {
    LEFT,
    CENTRE,
    RIGHT
}
