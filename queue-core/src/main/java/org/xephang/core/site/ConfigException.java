package org.xephang.core.site;

import java.util.List;

/**
 * A configuration that cannot be used. The message lists every problem found, one per line, each naming its key and
 * the allowed values (e.g. {@code sites[0].services[2].prefix: must be one capital letter A–Z, got "a1"}).
 */
public class ConfigException extends Exception {

    private final List<String> problems;

    public ConfigException(String source, List<String> problems) {
        super(message(source, problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems, each starting with its key. */
    public List<String> problems() {
        return problems;
    }

    private static String message(String source, List<String> problems) {
        StringBuilder text = new StringBuilder("invalid configuration ")
                .append(source)
                .append(" (")
                .append(problems.size())
                .append(problems.size() == 1 ? " problem):" : " problems):");
        problems.forEach(p -> text.append(System.lineSeparator()).append("  ").append(p));
        return text.toString();
    }
}
