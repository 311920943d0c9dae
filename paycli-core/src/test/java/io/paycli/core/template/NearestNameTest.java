package io.paycli.core.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class NearestNameTest {

    private static final List<String> TYPES = List.of("batch", "spring-boot-api", "web", "worker");

    @Test
    void suggestsTheClosestNameForATypo() {
        assertThat(NearestName.of("wbe", TYPES)).contains("web");
        assertThat(NearestName.of("wroker", TYPES)).contains("worker");
        assertThat(NearestName.of("bacth", TYPES)).contains("batch");
    }

    @Test
    void suggestsANameThatStartsWithTheInput() {
        assertThat(NearestName.of("spring-boot", TYPES)).contains("spring-boot-api");
    }

    @Test
    void suggestsNothingForAnUnrelatedName() {
        assertThat(NearestName.of("database", TYPES)).isEmpty();
        assertThat(NearestName.hint("database", TYPES)).isEmpty();
    }

    @Test
    void hintIsReadyToAppend() {
        assertThat(NearestName.hint("wbe", TYPES)).isEqualTo(" (did you mean 'web'?)");
    }

    @Test
    void distanceCountsEdits() {
        assertThat(NearestName.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(NearestName.distance("", "web")).isEqualTo(3);
        assertThat(NearestName.distance("web", "web")).isZero();
    }
}
