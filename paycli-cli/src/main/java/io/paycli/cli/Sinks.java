package io.paycli.cli;

import io.paycli.core.archive.ArchiveSink;
import io.paycli.core.deploy.ReleaseSink;
import io.paycli.core.model.UserConfig;
import io.paycli.core.notify.NotifySink;
import java.util.ArrayList;
import java.util.List;

/** The release sinks of a command, in the order they run: the archive first, so that notifications name its commit. */
final class Sinks {
    private Sinks() {
    }

    static List<ReleaseSink> of(SinkOptions options, UserConfig config) {
        List<ReleaseSink> sinks = new ArrayList<>();
        sinks.add(new ArchiveSink(options.archiveSettings(config)));
        sinks.add(NotifySink.standard(config, System::getenv));
        return sinks;
    }
}
