package io.paycli.core.deploy;

/** One app in one environment, and where it lives: the namespace and the kube context. */
public record Target(String app, String env, String namespace, String context) {
}
