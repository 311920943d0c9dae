package io.paycli.core.cluster;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.concurrent.TimeUnit;

/**
 * A short timeout for requests on Leases. A lock renewal that hangs for the client's usual 30 s would outlive the
 * renew deadline; failing fast leaves time to try again before the lock has to be given up.
 */
final class LeaseTimeout implements Interceptor {

    static final long SECONDS = 5;

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        String path = request.uri().getPath();
        if (builder instanceof HttpRequest.Builder timed && path.startsWith("/apis/coordination.k8s.io/")
                && path.contains("/leases")) {
            timed.timeout(SECONDS, TimeUnit.SECONDS);
        }
    }
}
