package io.paycli.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageRefTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "nginx:1.27",
            "registry.example.com/team/app:1.4.2",
            "registry.example.com:5000/team/app:1.4.2",
            "localhost:5000/app:v2",
            "app@sha256:4a5e5b8c0d1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3",
            "registry.example.com:5000/app:latest@sha256:4a5e5b8c0d1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3",
    })
    void pinnedReferencesPass(String image) {
        assertThat(ImageRef.tagProblem(image)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"nginx:latest", "registry.example.com:5000/team/app:latest"})
    void latestIsNotPinned(String image) {
        assertThat(ImageRef.tagProblem(image)).isEqualTo("image " + image + " uses the :latest tag; pin a version or a digest");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nginx", "team/app", "registry.example.com:5000/team/app", "localhost:5000/app", "app:"})
    void missingTagIsNotPinned(String image) {
        assertThat(ImageRef.tagProblem(image)).isEqualTo("image " + image + " has no tag; pin a version or a digest");
    }

    @Test
    void missingImageIsReported() {
        assertThat(ImageRef.tagProblem(null)).isEqualTo("has no image");
        assertThat(ImageRef.tagProblem(" ")).isEqualTo("has no image");
    }
}
