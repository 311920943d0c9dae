package io.paycli.cli;

import picocli.CommandLine.Option;

/** -t: the version to render, for the commands that render one. */
final class TagOption {
    @Option(names = {"-t", "--tag"}, paramLabel = "TAG", description = "The image tag, which is the release version.")
    String tag;
}
