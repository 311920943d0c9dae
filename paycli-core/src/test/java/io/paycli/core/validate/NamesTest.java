package io.paycli.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "web", "campaign-web", "0abc", "a1-b2"})
    void acceptsDns1123Labels(String name) {
        assertThat(Names.isDns1123Label(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Web", "campaign_web", "-web", "web-", "a.b", "web!"})
    void rejectsBadDns1123Labels(String name) {
        assertThat(Names.isDns1123Label(name)).isFalse();
    }

    @Test
    void labelsStopAt63Characters() {
        assertThat(Names.isDns1123Label("a".repeat(63))).isTrue();
        assertThat(Names.isDns1123Label("a".repeat(64))).isFalse();
        assertThat(Names.isDns1123Label(null)).isFalse();
    }

    @Test
    void subdomainsAllowDotsAnd253Characters() {
        assertThat(Names.isDns1123Subdomain("campaign-web.config.v2")).isTrue();
        assertThat(Names.isDns1123Subdomain("a".repeat(253))).isTrue();
        assertThat(Names.isDns1123Subdomain("a".repeat(254))).isFalse();
        assertThat(Names.isDns1123Subdomain("a..b")).isFalse();
        assertThat(Names.isDns1123Subdomain("a.-b")).isFalse();
        assertThat(Names.isDns1123Subdomain("Campaign")).isFalse();
    }

    @Test
    void dns1035LabelsMustStartWithALetter() {
        assertThat(Names.isDns1035Label("web1")).isTrue();
        assertThat(Names.isDns1035Label("1web")).isFalse();
        assertThat(Names.isDns1123Label("1web")).isTrue();
    }

    @Test
    void labelValuesMayBeEmptyAndHoldUnderscoresAndDots() {
        assertThat(Names.isLabelValue("")).isTrue();
        assertThat(Names.isLabelValue("1.4.2_RC-1")).isTrue();
        assertThat(Names.isLabelValue("_x")).isFalse();
        assertThat(Names.isLabelValue("a b")).isFalse();
        assertThat(Names.isLabelValue("v".repeat(64))).isFalse();
    }

    @Test
    void qualifiedNamesTakeAnOptionalSubdomainPrefix() {
        assertThat(Names.isQualifiedName("app.kubernetes.io/name")).isTrue();
        assertThat(Names.isQualifiedName("Tier")).isTrue();
        assertThat(Names.isQualifiedName("Example.com/tier")).isFalse();
        assertThat(Names.isQualifiedName("example.com/")).isFalse();
        assertThat(Names.isQualifiedName("/tier")).isFalse();
        assertThat(Names.isQualifiedName("a/b/c")).isFalse();
        assertThat(Names.isQualifiedName("n".repeat(64))).isFalse();
    }

    @Test
    void configMapKeysAreFileNames() {
        assertThat(Names.isConfigMapKey("application.yaml")).isTrue();
        assertThat(Names.isConfigMapKey(".env")).isTrue();
        assertThat(Names.isConfigMapKey("LOG_LEVEL")).isTrue();
        assertThat(Names.isConfigMapKey("conf/app.yaml")).isFalse();
        assertThat(Names.isConfigMapKey("..data")).isFalse();
        assertThat(Names.isConfigMapKey(".")).isFalse();
        assertThat(Names.isConfigMapKey("k".repeat(254))).isFalse();
    }

    @Test
    void pathSegmentNamesAllowColonsButNotSlashes() {
        assertThat(Names.isPathSegmentName("system:metrics-reader")).isTrue();
        assertThat(Names.isPathSegmentName("a/b")).isFalse();
        assertThat(Names.isPathSegmentName("..")).isFalse();
    }
}
