package org.xephang.api.announce;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the announcement of a call from the ticket number, the counter and (optionally) the field name:
 * {@code build("A1023", 5, null)} → "Xin mời công dân có số thứ tự A một nghìn không trăm hai mươi ba đến quầy số
 * năm" with the clips {@code chime}, then {@code phrase-xin-moi-cong-dan-co-so-thu-tu, letter-a, num-mot-nang,
 * num-nghin, …, phrase-den-quay-so, num-nam} repeated after a {@code pause}. The ticket number is read in the options' mode and dialect;
 * the counter always as a whole number ("quầy số mười lăm"). Pure, immutable and thread-safe.
 */
public final class AnnouncementBuilder {

    private static final Pattern TICKET_NUMBER = Pattern.compile("(\\p{Lu}*)(\\d+)");

    private final AnnouncementOptions options;
    private final VietnameseNumberReader reader;

    public AnnouncementBuilder(AnnouncementOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.reader = new VietnameseNumberReader(options.dialect());
    }

    /**
     * Builds the announcement of a call.
     *
     * @param ticketNumber capital prefix letters then digits, as printed ("A1023", "B007")
     * @param counter the counter number, 1–{@value VietnameseNumberReader#MAX_WHOLE}
     * @param serviceNameOrNull the field name, said only when the options include it
     * @throws IllegalArgumentException for a malformed ticket number, a letter without a spoken name, or a bad counter
     */
    public Announcement build(String ticketNumber, int counter, String serviceNameOrNull) {
        Matcher matcher = TICKET_NUMBER.matcher(
                ticketNumber == null ? "" : Normalizer.normalize(ticketNumber.strip(), Normalizer.Form.NFC));
        if (!matcher.matches()) {
            throw new IllegalArgumentException(
                    "ticket number must be capital letters then digits (e.g. A1023), got: " + ticketNumber);
        }
        if (counter < 1 || counter > VietnameseNumberReader.MAX_WHOLE) {
            throw new IllegalArgumentException("counter must be a positive number, got: " + counter);
        }
        String letters = matcher.group(1);
        AnnouncementOptions.Wording wording = options.wording();
        Sentence sentence = new Sentence();
        sentence.phrase(wording.invite() + " " + options.addressForm() + " " + wording.numberIntro());
        for (char letter : letters.toCharArray()) {
            if (PrefixLetters.spokenName(letter).isEmpty()) {
                throw new IllegalArgumentException(
                        "no spoken name for prefix letter " + letter + " in " + ticketNumber);
            }
            sentence.words(String.valueOf(letter), List.of(PrefixLetters.clip(letter)));
        }
        sentence.number(reader.read(matcher.group(2), options.mode()));
        sentence.phrase(wording.counterIntro());
        sentence.number(reader.readWhole(counter));
        if (options.includeService() && serviceNameOrNull != null && !serviceNameOrNull.isBlank()) {
            String serviceName = Normalizer.normalize(serviceNameOrNull.strip(), Normalizer.Form.NFC);
            sentence.comma();
            sentence.phrase(wording.serviceIntro());
            sentence.words(serviceName, List.of(ClipNames.field(serviceName)));
        }
        List<String> clips = new ArrayList<>();
        clips.add(ClipNames.CHIME);
        for (int i = 0; i < options.repeat(); i++) {
            if (i > 0) {
                clips.add(ClipNames.PAUSE);
            }
            clips.addAll(sentence.clips);
        }
        return new Announcement(sentence.text.toString(), clips);
    }

    /** The sentence under construction: its text and the clips that say it once. */
    private static final class Sentence {
        private final StringBuilder text = new StringBuilder();
        private final List<String> clips = new ArrayList<>();

        void phrase(String words) {
            words(words, List.of(ClipNames.phrase(words)));
        }

        void number(List<NumberSyllable> syllables) {
            words(
                    VietnameseNumberReader.text(syllables),
                    syllables.stream().map(NumberSyllable::clip).toList());
        }

        void words(String words, List<String> wordClips) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(words);
            clips.addAll(wordClips);
        }

        void comma() {
            text.append(',');
        }
    }
}
