package org.xephang.device.printer.sim;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/**
 * One job the {@link PrinterSimulator} received, from {@code ESC @} to the cut (or to where it stopped).
 *
 * @param bytes every byte of the job as received
 * @param roll what it put on paper
 * @param complete whether it reached the cut with paper and cover fine
 * @param savedPng the saved image, or {@code null} when the simulator does not save
 */
public record PrintedJob(byte[] bytes, PaperRoll roll, boolean complete, Path savedPng) {

    /** The paper image. */
    public BufferedImage image() {
        return roll.image();
    }

    /** The readable transcript of the paper. */
    public List<String> transcript() {
        return roll.transcript();
    }
}
