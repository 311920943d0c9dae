package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpSelectorsTest {
    @Test
    void theSelectorThreadOfAnHttpClientThatCannotBeClosedEnds() throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        List<Thread> selectors = selectors();
        assertThat(selectors).as("a new client runs a selector thread").isNotEmpty();

        HttpSelectors.end();

        for (Thread selector : selectors) {
            selector.join(30_000);
            assertThat(selector.isAlive()).as(selector.getName() + " ended").isFalse();
        }
        assertThat(client).isNotNull(); // referenced to the end: the thread ended because it was told to
    }

    private static List<Thread> selectors() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("HttpClient-") && t.getName().endsWith("-SelectorManager"))
                .toList();
    }
}
