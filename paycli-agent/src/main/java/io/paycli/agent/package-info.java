/**
 * The proxy agent: inside a restricted zone, it takes signed deploy requests from CI, queues them durably, runs
 * them through the same engine as the CLI ({@code DeployService}) and reports back. {@code auth} checks who asks,
 * {@code bundle} unpacks what they send, {@code store} keeps jobs and the audit log, {@code http} serves the API.
 */
package io.paycli.agent;
