package io.paycli.core.notify;

/**
 * Where a web target posts: the URL, where it came from as output may say it ({@code urlEnv SLACK_WEBHOOK_URL},
 * never the value), and the target's secrets to take out of any text about the send.
 */
record Endpoint(String url, String source, Secrets secrets) {
}
