package org.xephang.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The client address a forwarding node of a cluster names is believed only with the shared key's signature: a client
 * cannot choose the address its bookings and phone numbers are counted under (docs/adr/0034).
 */
class ForwardedClientTest {

    private final ForwardedClient node =
            new ForwardedClient("the-cluster-s-shared-signing-key".getBytes(StandardCharsets.US_ASCII));

    @Test
    void theAddressANodeVouchedForIsReadBackByAnotherNodeWithTheSameKey() {
        ForwardedClient other =
                new ForwardedClient("the-cluster-s-shared-signing-key".getBytes(StandardCharsets.US_ASCII));

        assertThat(other.verify(node.vouch("203.0.113.7"))).contains("203.0.113.7");
        assertThat(other.verify(node.vouch("2001:db8::1"))).contains("2001:db8::1");
    }

    @Test
    void aForgedChangedOrMissingSignatureNamesNoAddress() {
        String vouched = node.vouch("203.0.113.7");
        ForwardedClient otherKey =
                new ForwardedClient("a-key-no-node-of-this-cluster-has".getBytes(StandardCharsets.US_ASCII));

        assertThat(node.verify(null)).isEmpty();
        assertThat(node.verify("203.0.113.8")).isEmpty();
        assertThat(node.verify("203.0.113.8" + vouched.substring(vouched.indexOf(';'))))
                .isEmpty();
        assertThat(node.verify("203.0.113.7;not-hex")).isEmpty();
        assertThat(node.verify("203.0.113.7;00")).isEmpty();
        assertThat(otherKey.verify(vouched)).isEmpty();
    }
}
