package org.xephang.device.keypad;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which button means which native level on a keypad. Configuration, because keypads name their buttons differently
 * and are mounted best-left or best-right: {@code 1:1,2:2,3:3} or {@code A:3,B:2,C:1}.
 *
 * <p>Immutable; safe from any thread.
 */
public final class ButtonMapping {

    private final RatingScale scale;
    private final Map<String, Integer> levels;

    private ButtonMapping(RatingScale scale, Map<String, Integer> levels) {
        this.scale = scale;
        this.levels = Collections.unmodifiableMap(new LinkedHashMap<>(levels));
    }

    /** Buttons {@code "1"} to {@code "n"}, button 1 = level 1 (best). */
    public static ButtonMapping standard(RatingScale scale) {
        Map<String, Integer> levels = new LinkedHashMap<>();
        for (int level = 1; level <= scale.levels(); level++) {
            levels.put(Integer.toString(level), level);
        }
        return new ButtonMapping(scale, levels);
    }

    /** Buttons {@code "1"} to {@code "n"}, button 1 = level n (worst): keypads mounted best-right. */
    public static ButtonMapping reversed(RatingScale scale) {
        Map<String, Integer> levels = new LinkedHashMap<>();
        for (int level = 1; level <= scale.levels(); level++) {
            levels.put(Integer.toString(scale.levels() + 1 - level), level);
        }
        return new ButtonMapping(scale, levels);
    }

    /**
     * Parses {@code button:level,button:level…}; every level of the scale must have at least one button.
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public static ButtonMapping parse(RatingScale scale, String text) {
        Objects.requireNonNull(scale, "scale");
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("button map is empty; expected e.g. 1:1,2:2,3:3");
        }
        Map<String, Integer> levels = new LinkedHashMap<>();
        for (String entry : text.split(",")) {
            String[] parts = entry.strip().split(":");
            if (parts.length != 2 || parts[0].isBlank()) {
                throw new IllegalArgumentException(
                        "button map entry '" + entry.strip() + "' is not button:level (e.g. 1:1)");
            }
            int level;
            try {
                level = Integer.parseInt(parts[1].strip());
            } catch (NumberFormatException e) {
                level = -1;
            }
            if (level < 1 || level > scale.levels()) {
                throw new IllegalArgumentException("button map entry '" + entry.strip() + "': level must be 1.."
                        + scale.levels() + " on a " + scale.levels() + "-level scale");
            }
            if (levels.put(parts[0].strip(), level) != null) {
                throw new IllegalArgumentException("button map names button '" + parts[0].strip() + "' twice");
            }
        }
        for (int level = 1; level <= scale.levels(); level++) {
            if (!levels.containsValue(level)) {
                throw new IllegalArgumentException(
                        "button map has no button for level " + level + " (" + scale.label(level) + ")");
            }
        }
        return new ButtonMapping(scale, levels);
    }

    public RatingScale scale() {
        return scale;
    }

    /** The native level of {@code button}, if it is mapped. */
    public Optional<Integer> level(String button) {
        return Optional.ofNullable(levels.get(button));
    }

    /** The mapped buttons in configuration order, with their levels. */
    public Map<String, Integer> buttons() {
        return levels;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        levels.forEach((button, level) -> out.append(out.length() == 0 ? "" : ",")
                .append(button)
                .append(':')
                .append(level));
        return out.toString();
    }
}
