package org.xephang.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ServerListTest {

    @Test
    void oneUrlIsAListOfOne() {
        ServerList list = ServerList.parse("http://10.0.0.2:8080/");

        assertThat(list.urls()).containsExactly(URI.create("http://10.0.0.2:8080"));
        assertThat(list.toString()).isEqualTo("http://10.0.0.2:8080");
    }

    @Test
    void severalUrlsAreSeparatedByCommasInTheirOrderWithBlanksAndTrailingSlashesDropped() {
        ServerList list = ServerList.parse("http://node1:8080 , https://node2/,http://node3:9000");

        assertThat(list.urls())
                .containsExactly(
                        URI.create("http://node1:8080"), URI.create("https://node2"), URI.create("http://node3:9000"));
        assertThat(ServerList.normalise("http://node1:8080/ , http://node2:8080"))
                .isEqualTo("http://node1:8080,http://node2:8080");
    }

    @Test
    void aBadUrlAnEmptyItemOrAUrlGivenTwiceIsRefusedNamingIt() {
        assertThatThrownBy(() -> ServerList.parse("http://a:8080,ftp://b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"ftp://b\"");
        assertThatThrownBy(() -> ServerList.parse("http://a:8080,,http://b")).hasMessageContaining("got \"\"");
        assertThatThrownBy(() -> ServerList.parse("http://a:8080/api")).hasMessageContaining("without a path");
        assertThatThrownBy(() -> ServerList.parse("http://a:8080,http://a:8080/"))
                .hasMessageContaining("each server once");
        assertThat(ServerList.problem(null)).isPresent();
        assertThat(ServerList.problem(" ")).isPresent();
        assertThat(ServerList.problem("http://a,http://b")).isEmpty();
    }
}
