package org.xephang.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AnnounceCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Xephang.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void printsTheTextOnTheFirstLineAndTheClipsOnTheSecond() {
        int code = run("announce", "--number", "A1023", "--counter", "5");

        assertThat(code).isZero();
        String[] lines = out.toString().split("\\R");
        assertThat(lines).hasSize(2);
        assertThat(lines[0])
                .isEqualTo("Xin mời công dân có số thứ tự A một nghìn không trăm hai mươi ba đến quầy số năm");
        assertThat(lines[1]).startsWith("chime phrase-xin-moi-cong-dan-co-so-thu-tu letter-a num-mot-nang num-nghin");
    }

    @Test
    void southernDigitReadingIsChosenOnTheCommandLine() {
        int code = run("announce", "--number", "B105", "--counter", "15", "--dialect", "south", "--mode", "digits");

        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("Xin mời công dân có số thứ tự B một không năm đến quầy số mười lăm");
    }

    @Test
    void badArgumentsExitWithCodeTwoAndAOneLineMessage() {
        assertThat(run("announce", "--number", "A1023", "--counter", "5", "--dialect", "central"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("dialect must be north or south").doesNotContain("Exception");
        assertThat(run("announce", "--number", "1023A", "--counter", "5")).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
    }
}
