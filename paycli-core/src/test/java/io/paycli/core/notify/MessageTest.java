package io.paycli.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.paycli.core.deploy.Published;
import io.paycli.core.deploy.Published.Action;
import io.paycli.core.model.BlueGreenState;
import io.paycli.core.model.Colour;
import io.paycli.core.model.NotifyTarget.Event;
import io.paycli.core.model.Release;
import io.paycli.core.model.Release.Result;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The event each step is filtered by, and the line that says what happened. */
class MessageTest {
    private static Message message(Action action, Result result) {
        return Message.of(Steps.step(action, result, List.of()), "id-1", Instant.EPOCH);
    }

    @Test
    void eachStepHasItsEventAndHeadline() {
        assertThat(List.of(message(Action.DEPLOY, Result.SUCCEEDED), message(Action.DEPLOY, Result.FAILED),
                message(Action.DEPLOY, Result.ROLLED_BACK), message(Action.DEPLOY, Result.INTERRUPTED),
                message(Action.ROLLBACK, Result.SUCCEEDED), message(Action.PROMOTE, Result.SUCCEEDED),
                message(Action.ABORT, Result.SUCCEEDED), message(Action.SCALE, Result.SUCCEEDED),
                message(Action.RESTORE, Result.SUCCEEDED)))
                .extracting(Message::event, Message::headline)
                .containsExactly(
                        tuple(Event.SUCCEEDED, "campaign-web in beta: deployed 1.2.0"),
                        tuple(Event.FAILED, "campaign-web in beta: deploy of 1.2.0 failed"),
                        tuple(Event.ROLLED_BACK,
                                "campaign-web in beta: deploy of 1.2.0 failed and was rolled back"),
                        tuple(Event.INTERRUPTED,
                                "campaign-web in beta: deploy of 1.2.0 was interrupted"),
                        tuple(Event.ROLLED_BACK,
                                "campaign-web in beta: rolled back to 1.2.0"),
                        tuple(Event.PROMOTED, "campaign-web in beta: promoted 1.2.0"),
                        tuple(Event.ABORTED,
                                "campaign-web in beta: aborted 1.2.0 on preview"),
                        tuple(Event.SCALED, "campaign-web in beta: scaled 1.2.0"),
                        tuple(Event.SUCCEEDED, "campaign-web in beta: restored 1.2.0"));
    }

    @Test
    void aBlueGreenSwitchBackIsItsOwnEvent() {
        Release switched = new Release("campaign-web", "release", "promotion", 7, "1.1.0", "img:1.1.0", "web",
                "1.3.0", null, "h", "bob", Instant.EPOCH, 900, Result.SUCCEEDED, "switched back", "",
                new BlueGreenState(Colour.BLUE, Colour.GREEN, "1.2.0", 6, null, BlueGreenState.Phase.SWITCHED_BACK));
        Message m = Message.of(new Published(Action.ROLLBACK, switched, switched, "tw-prod", "prod", List.of(), null),
                "id-2", Instant.EPOCH);

        assertThat(m.event()).isEqualTo(Event.SWITCHED_BACK);
        assertThat(m.headline()).isEqualTo("campaign-web in release: switched back to 1.1.0");
        assertThat(m.facts()).containsEntry("Duration", "900ms").doesNotContainKey("Archive commit")
                .doesNotContainKey("In place");
    }

    @Test
    void aMessageSurvivesTheOutboxAsItWas() {
        Message m = message(Action.DEPLOY, Result.ROLLED_BACK);
        assertThat(MessageJson.read(MessageJson.write(m))).isEqualTo(m);
    }
}
