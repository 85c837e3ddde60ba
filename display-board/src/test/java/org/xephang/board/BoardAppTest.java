package org.xephang.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.testkit.Await.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BoardAppTest {

    private Vertx vertx;
    private WebClient client;
    private int port;

    @BeforeEach
    void mountTheBoardUnderSlashBoard() throws Exception {
        vertx = Vertx.vertx();
        Router root = Router.router(vertx);
        root.route("/board/*")
                .subRouter(BoardApp.router(vertx, new BoardOptions("http://10.0.0.5:8080/", "demo", "vi", 15, null)));
        HttpServer server = await(vertx.createHttpServer().requestHandler(root).listen(0));
        port = server.actualPort();
        client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
    }

    @AfterEach
    void close() throws Exception {
        await(vertx.close());
    }

    private HttpResponse<Buffer> get(String path) throws Exception {
        return await(client.get(port, "127.0.0.1", path).send());
    }

    @Test
    void servesThePageInUtf8AtItsRoot() throws Exception {
        HttpResponse<Buffer> page = get("/board/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.getHeader("Content-Type"))
                .containsIgnoringCase("text/html")
                .containsIgnoringCase("utf-8");
        assertThat(page.bodyAsString("UTF-8")).contains("Bảng hiển thị số thứ tự", "board.js");
    }

    @Test
    void redirectsTheMountPointWithoutSlashSoRelativeUrlsResolve() throws Exception {
        HttpResponse<Buffer> response = get("/board?lang=en");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.getHeader("Location")).isEqualTo("/board/?lang=en");
    }

    @Test
    void configNamesTheServerAndTheSite() throws Exception {
        HttpResponse<Buffer> config = get("/board/config.json");

        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.bodyAsJsonObject().getString("server")).isEqualTo("http://10.0.0.5:8080");
        assertThat(config.bodyAsJsonObject().getString("site")).isEqualTo("demo");
        assertThat(config.bodyAsJsonObject().getInteger("highlightSeconds")).isEqualTo(15);
        assertThat(config.getHeader("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void servesScriptsAsJavaScriptModulesAndClipsAsWav() throws Exception {
        assertThat(get("/board/board-logic.js").getHeader("Content-Type")).contains("javascript");
        HttpResponse<Buffer> clip = get("/board/clips/num-nam.wav");
        assertThat(clip.statusCode()).isEqualTo(200);
        assertThat(clip.getHeader("Content-Type")).contains("audio");
        assertThat(clip.body().getString(0, 4)).isEqualTo("RIFF");
    }

    @Test
    void buildsTheAnnouncementOfACallWithTheSiteOptions() throws Exception {
        HttpResponse<Buffer> response =
                get("/board/announcement?number=A015&counter=4&service=H%E1%BB%99%20t%E1%BB%8Bch"
                        + "&options=%7B%22dialect%22%3A%22south%22%2C%22includeService%22%3Atrue%7D");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyAsJsonObject().getString("text"))
                .isEqualTo("Xin mời công dân có số thứ tự A mười lăm đến quầy số bốn, lĩnh vực Hộ tịch");
        assertThat(response.bodyAsJsonObject().getJsonArray("clips")).contains("chime", "field-ho-tich");
    }

    @Test
    void aBadAnnouncementRequestIsRefusedWithAClearMessage() throws Exception {
        HttpResponse<Buffer> response = get("/board/announcement?number=15A&counter=4");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("INVALID_REQUEST");
        assertThat(response.bodyAsJsonObject().getString("message")).contains("15A");
        assertThat(get("/board/announcement?number=A1&counter=x&options=%7Bnot").statusCode())
                .isEqualTo(400);
    }

    @Test
    void unknownFilesAreNotFound() throws Exception {
        assertThat(get("/board/clips/nothing.wav").statusCode()).isEqualTo(404);
        assertThat(get("/board/clips/../web/index.html").statusCode()).isNotEqualTo(200);
    }
}
