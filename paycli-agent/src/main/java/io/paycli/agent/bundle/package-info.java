/**
 * Deploy bundles: the tar.gz of an app's paycli.yaml and the config files a deploy reads, which CI sends to the
 * agent. {@link io.paycli.agent.bundle.BundleWriter} packs one reproducibly;
 * {@link io.paycli.agent.bundle.BundleReader} unpacks one into a job directory, trusting none of it.
 */
package io.paycli.agent.bundle;
