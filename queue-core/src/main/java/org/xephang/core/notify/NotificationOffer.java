package org.xephang.core.notify;

/**
 * What the phone page may offer for one ticket: whether its site sends messages and by which provider, whether the
 * ticket still waits (only a waiting ticket can be followed), and the number already left for it, masked.
 *
 * @param provider the site's {@code notifications.provider}: {@code none}, {@code sms} or {@code zalo}
 * @param waiting whether the ticket still waits
 * @param maskedPhone the number kept for the ticket, masked ({@code *******678}), or null
 */
public record NotificationOffer(String provider, boolean waiting, String maskedPhone) {

    /** Whether a citizen may leave a number for this ticket now. */
    public boolean available() {
        return !NotificationSettings.NONE.equals(provider) && waiting;
    }
}
