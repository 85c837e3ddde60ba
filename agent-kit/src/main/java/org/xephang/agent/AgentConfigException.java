package org.xephang.agent;

import java.util.List;

/**
 * An agent configuration that cannot be used. The message is one line listing every problem found, each naming its
 * key ({@code counters[1].led: must be text, got 5; colour: unknown key; allowed here: …}); the agent commands print
 * it and exit 2. An {@link IllegalArgumentException}, as the options' own checks are.
 */
public final class AgentConfigException extends IllegalArgumentException {

    private final transient List<String> problems;

    public AgentConfigException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems, each starting with its key. */
    public List<String> problems() {
        return problems;
    }
}
