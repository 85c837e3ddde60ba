package org.xephang.device.printer.escpos;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An encoded ticket: the ESC/POS commands in order, with their bytes and comments.
 *
 * <p>Immutable; safe from any thread.
 *
 * @param commands the commands in order
 * @param paperDots roughly how much paper the job uses, in dots (for timeouts)
 */
public record EscPosJob(List<EscPosCommand> commands, int paperDots) {

    public EscPosJob {
        commands = List.copyOf(commands);
    }

    /** All bytes to send. */
    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size());
        for (EscPosCommand c : commands) {
            byte[] b = c.bytes();
            out.write(b, 0, b.length);
        }
        return out.toByteArray();
    }

    /** Total bytes. */
    public int size() {
        return commands.stream().mapToInt(EscPosCommand::length).sum();
    }

    /** The golden-file listing: one command per line, hex then {@code # comment}; long data abbreviated. */
    public String hexListing() {
        return commands.stream().map(c -> c.hexLine(64)).collect(Collectors.joining("\n", "", "\n"));
    }
}
