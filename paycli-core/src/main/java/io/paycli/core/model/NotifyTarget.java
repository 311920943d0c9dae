package io.paycli.core.model;

/** One {@code notify} entry. The URL is given directly or read from an environment variable. */
public record NotifyTarget(String type, String url, String urlEnv) {
}
