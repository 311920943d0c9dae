package io.paycli.core.deploy;

import io.paycli.core.model.DeployEvent;
import java.util.function.Consumer;

/**
 * Step 7 of the pipeline: what happens to a step once it is recorded (the manifests archive, notifications). Sinks
 * run in order, each given what the one before returned (the archive adds its commit, which a notification names).
 * A sink never fails a deploy, succeeded or not: it reports problems as events and keeps what it could not deliver
 * for a later run.
 */
public interface ReleaseSink {
    Published released(Published published, Consumer<DeployEvent> events);
}
