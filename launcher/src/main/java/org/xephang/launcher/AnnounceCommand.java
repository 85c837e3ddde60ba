package org.xephang.launcher;

import java.util.concurrent.Callable;
import org.xephang.api.announce.Announcement;
import org.xephang.api.announce.AnnouncementBuilder;
import org.xephang.api.announce.AnnouncementOptions;
import org.xephang.api.announce.Dialect;
import org.xephang.api.announce.ReadingMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code xephang announce --number A1023 --counter 5}: prints the announcement text on the first line and the clip
 * names, space-separated, on the second (docs/domain-vn.md §4).
 */
@Command(
        name = "announce",
        mixinStandardHelpOptions = true,
        description = "In câu đọc số và danh sách đoạn âm thanh / print the announcement text and clip list")
final class AnnounceCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--number", required = true, description = "số thứ tự / ticket number, e.g. A1023")
    private String number;

    @Option(names = "--counter", required = true, description = "số quầy / counter number, e.g. 5")
    private int counter;

    @Option(names = "--dialect", defaultValue = "north", description = "north | south (default: ${DEFAULT-VALUE})")
    private String dialect;

    @Option(names = "--mode", defaultValue = "whole", description = "whole | digits (default: ${DEFAULT-VALUE})")
    private String mode;

    @Option(
            names = "--address",
            defaultValue = "công dân",
            description = "cách xưng hô / form of address: công dân, quý khách, ông bà (default: ${DEFAULT-VALUE})")
    private String addressForm;

    @Option(names = "--service", description = "tên lĩnh vực đọc sau số quầy / field name said after the counter")
    private String service;

    @Option(names = "--repeat", defaultValue = "2", description = "số lần đọc / times said (default: ${DEFAULT-VALUE})")
    private int repeat;

    @Override
    public Integer call() {
        Announcement announcement;
        try {
            AnnouncementOptions options = AnnouncementOptions.defaults()
                    .withDialect(Dialect.fromWireName(dialect))
                    .withMode(ReadingMode.fromWireName(mode))
                    .withAddressForm(addressForm)
                    .withIncludeService(service != null)
                    .withRepeat(repeat);
            announcement = new AnnouncementBuilder(options).build(number, counter, service);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("xephang announce: " + e.getMessage());
            return Xephang.EXIT_USAGE;
        }
        spec.commandLine().getOut().println(announcement.text());
        spec.commandLine().getOut().println(String.join(" ", announcement.clips()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
