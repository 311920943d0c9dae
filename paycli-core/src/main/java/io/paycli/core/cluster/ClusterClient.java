package io.paycli.core.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One connection to one cluster: the fabric8 client, configured the same way for every cluster, with the context
 * and server named in messages, the request runner and the kind lookup. Objects travel as plain maps.
 */
final class ClusterClient implements AutoCloseable {

    static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    static final int REQUEST_TIMEOUT_MILLIS = 30_000;
    static final int WATCH_RECONNECT_MILLIS = 500;

    private final KubernetesClient client;
    private final String context;
    private final String server;
    private final ApiCalls calls;
    private final Kinds kinds;
    private final Clock clock;
    private final ServerClock serverClock;
    private final RequestThreads threads = new RequestThreads();

    private ClusterClient(KubernetesClient client, String context, String server, ApiCalls calls, Clock clock,
            ServerClock serverClock) {
        this.client = client;
        this.context = context;
        this.server = server;
        this.calls = calls;
        this.clock = clock;
        this.serverClock = serverClock;
        this.kinds = new Kinds(client, calls, context);
    }

    /**
     * One mapper for every client of the process: Jackson builds a (de)serializer per model class on first use, and
     * a client of its own per app (a restore, the agent) would pay that again each time.
     */
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /**
     * Opens a client. The client's own retry is switched off: it would resend non-idempotent requests (a create)
     * and ignores Retry-After, so {@link ApiCalls} retries instead. {@code interceptors} lets a test watch the
     * requests go by. The HTTP client is the JDK's, named rather than found on the class path, so that a process
     * that also carries vert.x (the sandbox's server) talks to clusters the same way.
     */
    static ClusterClient open(Config config, String context, RetryPolicy policy, Map<String, Interceptor> interceptors,
            Clock clock) {
        config.setRequestRetryBackoffLimit(0);
        config.setConnectionTimeout(CONNECT_TIMEOUT_MILLIS);
        config.setRequestTimeout(REQUEST_TIMEOUT_MILLIS);
        config.setWatchReconnectInterval(WATCH_RECONNECT_MILLIS);
        config.setUserAgent("paycli");
        ServerBackoff backoff = new ServerBackoff(clock);
        ServerClock serverClock = new ServerClock();
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config)
                .withHttpClientFactory(new JdkHttpClientFactory())
                .withKubernetesSerialization(SERIALIZATION)
                .withHttpClientBuilderConsumer(builder -> {
                    builder.addOrReplaceInterceptor("paycli-server-backoff", backoff);
                    builder.addOrReplaceInterceptor("paycli-server-clock", serverClock);
                    builder.addOrReplaceInterceptor("paycli-lease-timeout", new LeaseTimeout());
                    interceptors.forEach(builder::addOrReplaceInterceptor);
                }).build();
        String server = stripSlash(config.getMasterUrl());
        ApiCalls calls = new ApiCalls(new ClusterErrors(context, server), policy, backoff, clock);
        return new ClusterClient(client, context, server, calls, clock, serverClock);
    }

    KubernetesClient client() {
        return client;
    }

    String context() {
        return context;
    }

    String server() {
        return server;
    }

    ApiCalls calls() {
        return calls;
    }

    /** This machine's clock: for deadlines and retries, never for comparing times with other machines. */
    Clock clock() {
        return clock;
    }

    /** The API server's clock, as its answers tell it. */
    ServerClock serverClock() {
        return serverClock;
    }

    /** The threads that send requests that do not depend on one another at once. */
    RequestThreads threads() {
        return threads;
    }

    /** Where a kind is served: its group, plural and scope. */
    ResourceDefinitionContext definition(String apiVersion, String kind) {
        return kinds.of(apiVersion, kind);
    }

    /** The objects of a kind in a namespace, or of a cluster-scoped kind. */
    NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            in(String apiVersion, String kind, String namespace) {
        ResourceDefinitionContext where = kinds.of(apiVersion, kind);
        var all = client.genericKubernetesResources(where);
        return where.isNamespaceScoped() && namespace != null ? all.inNamespace(namespace) : all;
    }

    Resource<GenericKubernetesResource> object(String apiVersion, String kind, String namespace, String name) {
        return in(apiVersion, kind, namespace).withName(name);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> toMap(GenericKubernetesResource resource) {
        return resource == null ? null
                : new LinkedHashMap<>(client.getKubernetesSerialization().convertValue(resource, Map.class));
    }

    GenericKubernetesResource toResource(Map<String, Object> object) {
        return client.getKubernetesSerialization().convertValue(object, GenericKubernetesResource.class);
    }

    @Override
    public void close() {
        threads.close();
        client.close();
    }

    private static String stripSlash(String url) {
        return url != null && url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
