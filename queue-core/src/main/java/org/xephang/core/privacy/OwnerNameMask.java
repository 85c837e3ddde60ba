package org.xephang.core.privacy;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Masks an owner's name for public screens: the family name stays, middle names keep their initial, the given name
 * keeps only its initial ("Nguyễn Văn An" → "Nguyễn V*** A"). A one-word name keeps its initial only. Used by the
 * dossier lookup and by the public answers about appointments.
 */
public final class OwnerNameMask {

    private OwnerNameMask() {}

    /** Returns null for a null or blank name. */
    public static String mask(String fullName) {
        if (fullName == null || fullName.isBlank()) {
            return null;
        }
        String[] words =
                Normalizer.normalize(fullName, Normalizer.Form.NFC).trim().split("\\s+");
        if (words.length == 1) {
            return initial(words[0]) + "***";
        }
        List<String> masked = new ArrayList<>();
        masked.add(words[0]);
        for (int i = 1; i < words.length - 1; i++) {
            masked.add(initial(words[i]) + "***");
        }
        String last = initial(words[words.length - 1]);
        masked.add(words.length == 2 ? last + "***" : last);
        return String.join(" ", masked);
    }

    private static String initial(String word) {
        return new String(Character.toChars(word.codePointAt(0)));
    }
}
