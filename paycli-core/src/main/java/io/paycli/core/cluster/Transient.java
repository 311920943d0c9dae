package io.paycli.core.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.WatcherException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** Which failures may pass if the request is sent again, and how to name a failed connection. */
final class Transient {

    private Transient() {
    }

    /** A 429, a 5xx (but 501), or a connection that failed for a reason that can change. */
    static boolean isRetryable(Throwable t) {
        KubernetesClientException e = clientException(t);
        if (e == null) {
            return false;
        }
        int code = e.getCode();
        if (code == 429 || (code >= 500 && code != 501)) {
            return true;
        }
        if (isConnectionFailure(e)) {
            // A wrong host name or a certificate that is not trusted will not change by trying again.
            return !(find(e, UnknownHostException.class) != null || find(e, SSLException.class) != null);
        }
        return false;
    }

    /** No HTTP answer at all: refused, reset, cut halfway, timed out, unknown host, TLS. */
    static boolean isConnectionFailure(Throwable t) {
        KubernetesClientException e = clientException(t);
        return e != null && e.getCode() <= 0 && e.getStatus() == null && e.getCause() != null;
    }

    /** Why a connection failed, in a few words: "connection refused". */
    static String why(Throwable e) {
        if (find(e, ConnectException.class) != null) {
            return "connection refused";
        }
        UnknownHostException unknown = find(e, UnknownHostException.class);
        if (unknown != null) {
            return "unknown host (" + unknown.getMessage() + ")";
        }
        if (find(e, NoRouteToHostException.class) != null) {
            return "no route to host";
        }
        SSLException tls = find(e, SSLException.class);
        if (tls != null) {
            return "TLS failure: " + tls.getMessage();
        }
        if (find(e, TimeoutException.class) != null || find(e, InterruptedIOException.class) != null) {
            return "no answer in time";
        }
        String text = deepestMessage(e).toLowerCase(Locale.ROOT);
        if (text.contains("closed") || text.contains("reset")) {
            return "the connection was closed before the answer was complete";
        }
        return deepestMessage(e);
    }

    static KubernetesClientException clientException(Throwable t) {
        WatcherException watch = find(t, WatcherException.class);
        if (watch != null && find(watch, KubernetesClientException.class) == null) {
            return watch.asClientException();
        }
        return find(t, KubernetesClientException.class);
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static String deepestMessage(Throwable t) {
        String message = String.valueOf(t.getMessage());
        for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null) {
                message = c.getMessage();
            }
        }
        return message;
    }
}
