package org.xephang.api.announce;

import io.vertx.core.json.JsonObject;
import java.text.Normalizer;
import java.util.Objects;

/**
 * How a site words its call announcements (docs/domain-vn.md §4). The default is the northern whole-number reading
 * "Xin mời công dân có số thứ tự A một nghìn không trăm hai mươi ba đến quầy số năm", said twice after a chime.
 * Immutable and thread-safe; every text is kept in NFC.
 *
 * @param dialect how numbers are read ({@code nghìn}/{@code linh} or {@code ngàn}/{@code lẻ})
 * @param mode whole-number or digit-by-digit reading of the ticket number
 * @param addressForm the form of address: "công dân" (default), "quý khách", "ông bà", …
 * @param includeService whether the field name is said after the counter
 * @param repeat how many times the sentence is said after the chime, 1–5 (default 2)
 * @param wording the fixed phrases around the number and the counter
 */
public record AnnouncementOptions(
        Dialect dialect, ReadingMode mode, String addressForm, boolean includeService, int repeat, Wording wording) {

    /** The forms of address in common use; any other non-blank text is accepted too. */
    public static final java.util.List<String> COMMON_ADDRESS_FORMS =
            java.util.List.of("công dân", "quý khách", "ông bà");

    public static final int MAX_REPEAT = 5;

    public AnnouncementOptions {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(wording, "wording");
        addressForm = nonBlank(addressForm, "addressForm");
        if (repeat < 1 || repeat > MAX_REPEAT) {
            throw new IllegalArgumentException("repeat must be between 1 and " + MAX_REPEAT + ", got: " + repeat);
        }
    }

    /** Northern dialect, whole numbers, "công dân", no field name, said twice, default wording. */
    public static AnnouncementOptions defaults() {
        return new AnnouncementOptions(Dialect.NORTH, ReadingMode.WHOLE, "công dân", false, 2, Wording.defaults());
    }

    public AnnouncementOptions withDialect(Dialect newDialect) {
        return new AnnouncementOptions(newDialect, mode, addressForm, includeService, repeat, wording);
    }

    public AnnouncementOptions withMode(ReadingMode newMode) {
        return new AnnouncementOptions(dialect, newMode, addressForm, includeService, repeat, wording);
    }

    public AnnouncementOptions withAddressForm(String newAddressForm) {
        return new AnnouncementOptions(dialect, mode, newAddressForm, includeService, repeat, wording);
    }

    public AnnouncementOptions withIncludeService(boolean newIncludeService) {
        return new AnnouncementOptions(dialect, mode, addressForm, newIncludeService, repeat, wording);
    }

    public AnnouncementOptions withRepeat(int newRepeat) {
        return new AnnouncementOptions(dialect, mode, addressForm, includeService, newRepeat, wording);
    }

    /**
     * The fixed phrases of the sentence "{invite} {addressForm} {numberIntro} A1023 {counterIntro} 5[, {serviceIntro}
     * Hộ tịch]".
     */
    public record Wording(String invite, String numberIntro, String counterIntro, String serviceIntro) {

        public Wording {
            invite = nonBlank(invite, "wording.invite");
            numberIntro = nonBlank(numberIntro, "wording.numberIntro");
            counterIntro = nonBlank(counterIntro, "wording.counterIntro");
            serviceIntro = nonBlank(serviceIntro, "wording.serviceIntro");
        }

        /** "Xin mời" … "có số thứ tự" … "đến quầy số" … "lĩnh vực". */
        public static Wording defaults() {
            return new Wording("Xin mời", "có số thứ tự", "đến quầy số", "lĩnh vực");
        }

        public JsonObject toJson() {
            return new JsonObject()
                    .put("invite", invite)
                    .put("numberIntro", numberIntro)
                    .put("counterIntro", counterIntro)
                    .put("serviceIntro", serviceIntro);
        }

        /** Missing keys take their default. */
        public static Wording fromJson(JsonObject json) {
            Wording d = defaults();
            return new Wording(
                    json.getString("invite", d.invite()),
                    json.getString("numberIntro", d.numberIntro()),
                    json.getString("counterIntro", d.counterIntro()),
                    json.getString("serviceIntro", d.serviceIntro()));
        }
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put("dialect", dialect.wireName())
                .put("mode", mode.wireName())
                .put("addressForm", addressForm)
                .put("includeService", includeService)
                .put("repeat", repeat)
                .put("wording", wording.toJson());
    }

    /**
     * Reads options; missing keys take their {@link #defaults() default}.
     *
     * @throws IllegalArgumentException naming the bad key and the allowed values
     */
    public static AnnouncementOptions fromJson(JsonObject json) {
        AnnouncementOptions d = defaults();
        try {
            JsonObject wording = json.getJsonObject("wording");
            return new AnnouncementOptions(
                    json.containsKey("dialect") ? Dialect.fromWireName(json.getString("dialect")) : d.dialect(),
                    json.containsKey("mode") ? ReadingMode.fromWireName(json.getString("mode")) : d.mode(),
                    json.getString("addressForm", d.addressForm()),
                    json.getBoolean("includeService", d.includeService()),
                    json.getInteger("repeat", d.repeat()),
                    wording == null ? d.wording() : Wording.fromJson(wording));
        } catch (ClassCastException e) {
            throw new IllegalArgumentException(
                    "announcement options: a value has the wrong type: " + e.getMessage(), e);
        }
    }

    private static String nonBlank(String text, String key) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(key + " must not be blank");
        }
        return Normalizer.normalize(text.strip(), Normalizer.Form.NFC);
    }
}
