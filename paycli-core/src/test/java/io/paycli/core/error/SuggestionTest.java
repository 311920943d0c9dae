package io.paycli.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SuggestionTest {

    private static final List<String> TYPES = List.of("batch", "spring-boot-api", "web", "worker");

    @Test
    void suggestsTheClosestNameForATypo() {
        assertThat(Suggestion.closest("wbe", TYPES)).contains("web");
        assertThat(Suggestion.closest("wroker", TYPES)).contains("worker");
        assertThat(Suggestion.closest("bacth", TYPES)).contains("batch");
    }

    @Test
    void suggestsANameThatStartsWithTheInput() {
        assertThat(Suggestion.closest("spring-boot", TYPES)).contains("spring-boot-api");
    }

    @Test
    void suggestsNothingForAnUnrelatedName() {
        assertThat(Suggestion.closest("database", TYPES)).isEmpty();
        assertThat(Suggestion.hint("database", TYPES)).isEmpty();
    }

    @Test
    void hintIsReadyToAppend() {
        assertThat(Suggestion.hint("wbe", TYPES)).isEqualTo(" (did you mean 'web'?)");
    }

    @Test
    void distanceCountsEdits() {
        assertThat(Suggestion.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestion.distance("", "web")).isEqualTo(3);
        assertThat(Suggestion.distance("web", "web")).isZero();
    }
}
