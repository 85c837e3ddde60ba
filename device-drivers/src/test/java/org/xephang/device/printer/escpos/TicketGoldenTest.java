package org.xephang.device.printer.escpos;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xephang.device.printer.Align;
import org.xephang.device.printer.TextSize;
import org.xephang.device.printer.TicketData;
import org.xephang.device.printer.TicketDocument;
import org.xephang.device.printer.TicketTemplate;
import org.xephang.device.testkit.EscPosWalker;
import org.xephang.device.testkit.Golden;

/**
 * Every sample ticket on every profile in every mode it supports: golden {@code .hex} (one command per line with a
 * comment) and paper-roll {@code .txt}, plus what a printer would read back (QR, TCVN-3 text, the cut).
 */
class TicketGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/ticket");
    private static final Instant ISSUED = Instant.parse("2026-11-22T01:15:00Z");

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String sample : List.of("priority", "plain")) {
            for (PrinterProfile profile : PrinterProfile.ALL) {
                for (EscPosMode mode : EscPosMode.values()) {
                    if (mode != EscPosMode.TEXT || profile.hasTcvn3()) {
                        cases.add(Arguments.of(sample, profile.id(), mode.id()));
                    }
                }
            }
        }
        return cases.stream();
    }

    static TicketData sample(String name) {
        return switch (name) {
            case "priority" -> TicketData.sample(ISSUED);
            case "plain" ->
                new TicketData(
                        List.of("Ủy ban nhân dân xã Đông Anh, huyện Đông Anh, thành phố Hà Nội"),
                        "B0042",
                        "Hộ tịch, chứng thực, lý lịch tư pháp",
                        List.of(1, 2, 11),
                        0,
                        null,
                        ISSUED,
                        ZoneId.of("Asia/Ho_Chi_Minh"),
                        "https://xephang.example.vn/t/01JD8Z7ABCDE",
                        false,
                        null);
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest(name = "{0} ticket on {1} in {2} mode")
    @MethodSource("cases")
    void encodingMatchesTheGoldenFiles(String sample, String profileId, String modeId) throws Exception {
        PrinterProfile profile = PrinterProfile.byId(profileId);
        EscPosMode mode = EscPosMode.valueOf(modeId.toUpperCase(Locale.ROOT));
        EscPosJob job = new EscPosEncoder(profile, mode)
                .encode(TicketTemplate.standard().render(sample(sample)));
        EscPosWalker.Walk walk = EscPosWalker.walk(job.bytes(), profile.dotsPerLine());
        String base = profileId + "-" + modeId;

        String roll = String.join("\n", labelRasters(walk.transcript(), job))
                + String.format(
                        Locale.ROOT,
                        "%n%n# %s, %s mode: %d bytes, %.2f s at 115200 baud 8N1%n",
                        profile.model(),
                        modeId,
                        job.size(),
                        job.size() * 10 / 115200.0);
        Golden.assertMatches(GOLDEN.resolve(sample).resolve(base + ".hex"), job.hexListing());
        Golden.assertMatches(GOLDEN.resolve(sample).resolve(base + ".txt"), roll);
        Path png = GOLDEN.resolve(sample).resolve(base + ".png");
        if (Golden.updating()) {
            ImageIO.write(walk.image(), "png", png.toFile());
        } else {
            assertSamePaper(walk.image(), png);
        }
    }

    /** The paper the walker printed is the reviewed picture, dot for dot. */
    private static void assertSamePaper(BufferedImage actual, Path golden) throws IOException {
        assertThat(golden)
                .as("golden picture %s is missing: run the tests with -Dgolden.update=true and look at it", golden)
                .exists();
        BufferedImage expected = ImageIO.read(golden.toFile());
        assertThat(actual.getWidth() + "x" + actual.getHeight())
                .as("paper size against %s", golden)
                .isEqualTo(expected.getWidth() + "x" + expected.getHeight());
        int differing = 0;
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                if ((actual.getRGB(x, y) & 0xFFFFFF) != (expected.getRGB(x, y) & 0xFFFFFF)) {
                    differing++;
                }
            }
        }
        assertThat(differing)
                .as("dots that differ from %s (if intended: -Dgolden.update=true, then look at the picture)", golden)
                .isZero();
    }

    /** Adds what each raster image shows (from the encoder's comment) to the walker's "[raster W×H]" lines. */
    private static List<String> labelRasters(List<String> transcript, EscPosJob job) {
        List<String> labels = job.commands().stream()
                .filter(c -> c.comment().startsWith("raster "))
                .map(c -> c.comment().substring(c.comment().indexOf(": ") + 2))
                .toList();
        List<String> out = new ArrayList<>();
        int next = 0;
        for (String line : transcript) {
            out.add(line.startsWith("[raster ") && next < labels.size() ? line + " " + labels.get(next++) : line);
        }
        assertThat(next).as("every raster command is on the paper").isEqualTo(labels.size());
        return out;
    }

    @Test
    void theLongestWaitEstimateFitsOneLineOfEveryRoll() {
        TicketData sample = TicketData.sample(ISSUED);
        TicketData longWait = new TicketData(
                sample.unitLines(),
                sample.number(),
                sample.serviceName(),
                sample.counters(),
                999,
                Duration.ofMinutes(999),
                ISSUED,
                sample.zone(),
                sample.statusUrl(),
                sample.priority(),
                sample.hotline());
        TicketDocument.Columns waiting = TicketTemplate.standard().render(longWait).elements().stream()
                .filter(TicketDocument.Columns.class::isInstance)
                .map(TicketDocument.Columns.class::cast)
                .findFirst()
                .orElseThrow();
        assertThat(waiting.right()).isEqualTo("Dự kiến khoảng 999 phút");

        for (PrinterProfile profile : PrinterProfile.ALL) {
            TicketRasterizer raster = new TicketRasterizer(profile.dotsPerLine());
            for (String side : List.of(waiting.left(), waiting.right())) {
                assertThat(side.length())
                        .as("%s in text mode on %s", side, profile.id())
                        .isLessThanOrEqualTo(profile.charsPerLine());
                assertThat(raster.text(new TicketDocument.Text(side, Align.LEFT, TextSize.NORMAL, false))
                                .height())
                        .as("%s drawn on %s stays on one line", side, profile.id())
                        .isEqualTo(raster.text(new TicketDocument.Text("Dự kiến", Align.LEFT, TextSize.NORMAL, false))
                                .height());
            }
        }
    }

    @ParameterizedTest(name = "{0} ticket on {1} in {2} mode")
    @MethodSource("cases")
    void aPrinterReadsBackTheQrTheTextAndTheCut(String sample, String profileId, String modeId) throws Exception {
        PrinterProfile profile = PrinterProfile.byId(profileId);
        EscPosMode mode = EscPosMode.valueOf(modeId.toUpperCase(Locale.ROOT));
        TicketData data = sample(sample);
        TicketDocument doc = TicketTemplate.standard().render(data);

        EscPosWalker.Walk walk =
                EscPosWalker.walk(new EscPosEncoder(profile, mode).encode(doc).bytes(), profile.dotsPerLine());

        assertThat(walk.qrCodes()).containsExactly(data.statusUrl());
        assertThat(walk.endsWithCut()).isEqualTo(profile.cutter());
        assertThat(walk.roll().unknownCommands()).isZero();
        if (mode == EscPosMode.TEXT) {
            String printed = walk.text().replace('\n', ' ').replaceAll(" +", " ");
            for (TicketDocument.Element e : doc.elements()) {
                if (e instanceof TicketDocument.Text t) {
                    assertThat(printed).contains(t.text());
                } else if (e instanceof TicketDocument.Columns c) {
                    assertThat(printed).contains(c.left()).contains(c.right());
                } else if (e instanceof TicketDocument.BigNumber b) {
                    assertThat(printed).contains(b.number());
                }
            }
        } else {
            assertThat(walk.text())
                    .as("only the number may be text outside text mode")
                    .isIn("", data.number() + "\n");
        }
    }
}
