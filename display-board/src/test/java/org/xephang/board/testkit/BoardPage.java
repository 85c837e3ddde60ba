package org.xephang.board.testkit;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.xephang.testkit.Poll;

/** The board page as a test reads it (page object over a {@link ChromeDriver}). */
public final class BoardPage {

    private final ChromeDriver browser;

    public BoardPage(ChromeDriver browser) {
        this.browser = browser;
    }

    /** Opens the page and waits until its first snapshot arrived. */
    public BoardPage open(String url) {
        browser.get(url);
        Poll.until("the board at " + url + " is connected", this::connected);
        return this;
    }

    public boolean connected() {
        return Boolean.TRUE.equals(browser.executeScript("return !!window.xephangBoard && xephangBoard.connected"));
    }

    /** The text of a counter's row ("5 Hộ tịch A1023"), empty if there is no such row. */
    public String counterRow(int counter) {
        return rowProperty(counter, "textContent");
    }

    /** Whether a counter's row is highlighted as the newest call. */
    public boolean highlighted(int counter) {
        return rowProperty(counter, "className").contains("called");
    }

    /** Whether the big "now calling" box is highlighted. */
    public boolean latestHighlighted() {
        return browser.findElement(By.id("latest")).getAttribute("class").contains("new");
    }

    /** Whether the "mất kết nối" mark shows. */
    public boolean offlineShown() {
        return browser.findElement(By.id("offline")).isDisplayed();
    }

    /** The texts of the announcements played, playing and waiting, in order. */
    @SuppressWarnings("unchecked")
    public List<String> announcements() {
        return (List<String>) browser.executeScript(
                "const q = xephangBoard.queue; return [...q.played, ...q.pending].map((a) => a.text);");
    }

    private String rowProperty(int counter, String property) {
        Object value = browser.executeScript(
                "const row = document.querySelector(`#counter-rows li[data-counter=\"${arguments[0]}\"]`);"
                        + "return row ? row[arguments[1]] : '';",
                counter,
                property);
        return String.valueOf(value);
    }
}
