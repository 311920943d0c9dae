package io.paycli.core.notify;

/** Sends a message to one target over its channel, once, within the channel's timeout. */
interface Notifier {
    void send(Message message) throws SendFailure;
}
