package org.xephang.device.printer.escpos;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The expected TCVN-3 table in {@code src/test/resources/tcvn3/vietnamese-letters.tsv}: every Vietnamese letter with
 * its byte and the Epson code table(s) it prints in, written out from TCVN 5712:1993 independently of
 * {@link Tcvn3}.
 */
final class Tcvn3Letters {

    /**
     * One letter of the table.
     *
     * @param letter the letter (NFC)
     * @param code its TCVN-3 byte, 0–255
     * @param tables the {@code ESC t} tables it prints in: {30}, {31} or {30, 31}
     * @param note the tone and why this table
     */
    record Letter(String letter, int code, Set<Integer> tables, String note) {
        @Override
        public String toString() {
            return letter + " (" + note + ")";
        }
    }

    private static final String RESOURCE = "/tcvn3/vietnamese-letters.tsv";

    private Tcvn3Letters() {}

    static List<Letter> all() {
        List<Letter> out = new ArrayList<>();
        try (InputStream in = Tcvn3Letters.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the test class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != 5 || Integer.parseInt(f[1].substring(2), 16) != f[0].codePointAt(0)) {
                    throw new IllegalStateException(RESOURCE + ": bad line: " + line);
                }
                Set<Integer> tables = switch (f[3]) {
                    case "30" -> Set.of(30);
                    case "31" -> Set.of(31);
                    case "30/31" -> Set.of(30, 31);
                    default -> throw new IllegalStateException(RESOURCE + ": bad table in: " + line);
                };
                out.add(new Letter(f[0], Integer.parseInt(f[2].substring(2), 16), tables, f[4]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
