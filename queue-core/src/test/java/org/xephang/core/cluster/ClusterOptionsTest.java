package org.xephang.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.xephang.core.cluster.ClusterOptions.Member;

class ClusterOptionsTest {

    @Test
    void membersAreHostColonPortSeparatedByCommas() {
        assertThat(ClusterOptions.parseMembers("10.0.0.1:5701, 10.0.0.2:5702,node3"))
                .containsExactly(new Member("10.0.0.1", 5701), new Member("10.0.0.2", 5702), new Member("node3", 5701));
        assertThat(ClusterOptions.parseMembers(null)).isEmpty();
    }

    @Test
    void aBadMemberIsNamed() {
        assertThatThrownBy(() -> ClusterOptions.parseMembers("10.0.0.1:5701,10.0.0.2:x"))
                .hasMessageContaining("\"10.0.0.2:x\"");
        assertThatThrownBy(() -> ClusterOptions.parseMembers("10.0.0.1:70000")).hasMessageContaining("70000");
        assertThatThrownBy(() -> ClusterOptions.parseMembers("a:1,,b:2")).hasMessageContaining("empty");
    }
}
