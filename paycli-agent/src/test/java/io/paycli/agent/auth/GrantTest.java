package io.paycli.agent.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paycli.core.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Globs over app and environment names, any grant of a client, and what a client refuses to hold. */
class GrantTest {
    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @CsvSource({
        "settlement-*, settlement-api, true",
        "settlement-*, settlement-, true",
        "settlement-*, settlement, false",
        "settlement-*, xsettlement-api, false",
        "*, anything, true",
        "pay-?, pay-1, true",
        "pay-?, pay-12, false",
        "pay-?, pay-, false",
        "a*b*c, a-x-b-y-c, true",
        "a*b*c, a-x-b-y-cd, false",
        "a*b*c, abbbc, true",
        "web.api, web.api, true",
        "web.api, webxapi, false",
        "*-web, campaign-web, true",
        "*-web, campaign-web-2, false",
        "**, '', true",
    })
    void globsMatchWholeNames(String glob, String name, boolean matches) {
        assertThat(Glob.matches(glob, name)).isEqualTo(matches);
    }

    @Test
    void aLongNameAgainstManyStarsStaysQuick() {
        // Greedy backtracking without regex: this would take ages with a naive recursive matcher.
        assertThat(Glob.matches("*a*a*a*a*a*a*a*b", "a".repeat(5_000))).isFalse();
    }

    @Test
    void aClientMayDeployWhatAnyOfItsGrantsCovers() {
        Client client = new Client("ci", List.of(KEY), List.of(
                new Grant(List.of("settlement-*"), List.of("beta", "release")),
                new Grant(List.of("ledger"), List.of("*"))));

        assertThat(client.allows("settlement-api", "beta")).isTrue();
        assertThat(client.allows("settlement-api", "prod")).isFalse();
        assertThat(client.allows("ledger", "prod")).isTrue();
        assertThat(client.allows("ledger-ui", "prod")).isFalse();
        assertThat(new Client("ci", List.of(KEY), List.of()).allows("ledger", "prod")).isFalse();
    }

    @Test
    void aGrantWithNothingInItIsAMistake() {
        assertThatThrownBy(() -> new Grant(List.of(), List.of("beta")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("in apps");
        assertThatThrownBy(() -> new Grant(List.of("app"), List.of(" ")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("blank name in envs");
    }

    @Test
    void aClientHoldsOneOrTwoKeysAndNeverShowsThem() {
        assertThatThrownBy(() -> new Client("ci", List.of(), List.of()))
                .isInstanceOf(InvalidInputException.class).hasMessage("client ci: needs one key, or two while"
                        + " rotating, not 0");
        assertThatThrownBy(() -> new Client("ci", List.of(KEY, KEY, KEY), List.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not 3");
        assertThatThrownBy(() -> new Client("ci", List.of(new byte[0]), List.of()))
                .isInstanceOf(InvalidInputException.class).hasMessage("client ci: has an empty key");

        List<byte[]> keys = new ArrayList<>(List.of(KEY.clone()));
        Client client = new Client("ci", keys, List.of());
        keys.get(0)[0] = 'X';
        client.secrets().get(0)[1] = 'Y';

        assertThat(client.secrets().get(0)).isEqualTo(KEY);
        assertThat(client.toString()).contains("ci").doesNotContain("0123456789");
    }
}
