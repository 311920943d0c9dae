package io.paycli.core.deploy;

import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.Release;
import java.util.function.Consumer;

/**
 * Step 7 of the pipeline: what happens to a release once it is recorded (the manifests archive,
 * notifications). A sink never fails a deploy that succeeded: it reports problems as events and
 * keeps what it could not deliver for later.
 */
public interface ReleaseSink {
    void released(Release release, Consumer<DeployEvent> events);
}
