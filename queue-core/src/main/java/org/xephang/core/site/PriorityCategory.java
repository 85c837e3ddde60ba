package org.xephang.core.site;

import java.util.Objects;

/** A priority category (người cao tuổi, người khuyết tật, …): a code for the API and a Vietnamese name. */
public record PriorityCategory(String code, String name) {
    public PriorityCategory {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
    }
}
