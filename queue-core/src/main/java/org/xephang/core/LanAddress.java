package org.xephang.core;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Comparator;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This machine's address on the centre's LAN, for the links phones open from a ticket's QR code: a phone in the hall
 * reaches {@code http://192.168.1.10:8080}, never {@code http://127.0.0.1:8080}.
 */
public final class LanAddress {

    private static final Logger LOG = LoggerFactory.getLogger(LanAddress.class);

    private LanAddress() {}

    /** Whether {@code host} means "listen on every interface" (0.0.0.0, ::). */
    public static boolean isEveryInterface(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }

    /**
     * The first private IPv4 address (10/8, 172.16/12, 192.168/16, or any other non-loopback one when there is no
     * private one) of an interface that is up, or empty when this machine has none.
     */
    public static Optional<String> find() {
        try {
            return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                    .filter(LanAddress::usable)
                    .flatMap(nic -> Collections.list(nic.getInetAddresses()).stream())
                    .filter(address -> address instanceof Inet4Address
                            && !address.isLoopbackAddress()
                            && !address.isLinkLocalAddress())
                    .min(Comparator.comparing((InetAddress address) -> !address.isSiteLocalAddress()))
                    .map(InetAddress::getHostAddress);
        } catch (SocketException | RuntimeException e) {
            LOG.warn("Could not list the network interfaces for the LAN address: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean usable(NetworkInterface nic) {
        try {
            return nic.isUp() && !nic.isLoopback() && !nic.isVirtual();
        } catch (SocketException e) {
            return false;
        }
    }
}
