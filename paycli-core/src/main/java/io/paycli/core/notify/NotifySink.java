package io.paycli.core.notify;

import io.paycli.core.deploy.Published;
import io.paycli.core.deploy.ReleaseSink;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.NotifyTarget;
import io.paycli.core.model.NotifyTarget.Event;
import io.paycli.core.model.UserConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Step 7's notifications: one message per step to the app's targets and the organisation's, each filtered by its
 * {@code on}. It first delivers what earlier runs kept in the outbox. It never throws and never waits longer than its
 * settings allow; what goes wrong is a NOTIFY warning that names the target, never its secrets.
 */
public final class NotifySink implements ReleaseSink {
    private final List<NotifyTarget> organisation;
    private final Dispatch dispatch;
    private final Clock clock;
    private final String logs;

    /**
     * @param organisation the user config file's targets, added to every app's
     * @param env          reads the environment variables that hold the targets' secrets
     */
    public NotifySink(List<NotifyTarget> organisation, Function<String, String> env, NotifySettings settings,
                      Clock clock) {
        this.organisation = List.copyOf(organisation);
        this.dispatch = new Dispatch(new Delivery(new Notifiers(env, settings.timeout()), settings), settings, clock);
        this.clock = clock;
        this.logs = CiLogs.url(env);
    }

    /**
     * The sink of the user config's targets and {@code notifyDelivery}, its outbox at {@code $PAYCLI_OUTBOX}, else
     * {@code ~/.paycli/outbox}.
     */
    public static NotifySink standard(UserConfig user, Function<String, String> env) {
        return new NotifySink(user.notifyTargets(), env, NotifySettings.of(user, outbox(env)), Clock.systemUTC());
    }

    /** {@code $PAYCLI_OUTBOX}, else {@code .paycli/outbox} in {@code $HOME}, else in Java's user.home. */
    public static Path outbox(Function<String, String> env) {
        String override = env.apply("PAYCLI_OUTBOX");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String home = env.apply("HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"))
                .resolve(".paycli").resolve("outbox");
    }

    @Override
    public Published released(Published published, Consumer<DeployEvent> events) {
        try {
            Message message = Message.of(published, UUID.randomUUID().toString(), clock.instant()).withLogs(logs);
            dispatch.run(targets(published.notifyTargets(), message.event()), message, events);
        } catch (RuntimeException e) {
            // The outbox's directory cannot be read or written: the step stands, and this says why nothing was sent.
            events.accept(Dispatch.warning("notifications not sent: " + Dispatch.safe(e)));
        }
        return published;
    }

    /** The app's targets and then the organisation's, each once, that take this event. */
    private List<NotifyTarget> targets(List<NotifyTarget> app, Event event) {
        List<NotifyTarget> all = new ArrayList<>();
        for (NotifyTarget t : app) {
            if (t.wants(event) && !all.contains(t)) {
                all.add(t);
            }
        }
        for (NotifyTarget t : organisation) {
            if (t.wants(event) && !all.contains(t)) {
                all.add(t);
            }
        }
        return all;
    }
}
