package io.paycli.core.cluster;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.paycli.core.error.ClusterException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Asks the server what the current user may do. One SelfSubjectRulesReview per namespace lists the rules that
 * apply there; whatever those rules do not show as allowed (the list may be incomplete, and cluster-scope
 * permissions are not in it) is asked once more, exactly, with SelfSubjectAccessReviews in parallel. So a usual
 * check costs one request, and nothing is refused on the rules review's word alone.
 */
final class AccessReview {
    private static final int THREADS = 8;

    private final ClusterClient cluster;
    /**
     * The rules of each namespace, asked once for the gateway's life (one command, or one worker of a restore):
     * a grant they show is taken as given; whatever they do not show is still asked exactly, each time.
     */
    private final Map<String, List<ResourceRule>> rules = new ConcurrentHashMap<>();

    AccessReview(ClusterClient cluster) {
        this.cluster = cluster;
    }

    List<Access> denied(List<Access> asks) {
        List<Access> unsure = new ArrayList<>();
        for (Access ask : asks) {
            if (ask.namespace() != null && allowedBy(rules.computeIfAbsent(ask.namespace(), this::rules), ask)) {
                continue;
            }
            unsure.add(ask);
        }
        if (unsure.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(THREADS, unsure.size()), r -> {
            Thread t = new Thread(r, "paycli-access-review");
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<Boolean>> answers = new ArrayList<>();
            unsure.forEach(a -> answers.add(CompletableFuture.supplyAsync(() -> allowed(a), pool)));
            List<Access> denied = new ArrayList<>();
            for (int i = 0; i < unsure.size(); i++) {
                if (!join(answers.get(i))) {
                    denied.add(unsure.get(i));
                }
            }
            return denied;
        } finally {
            pool.shutdownNow();
        }
    }

    private List<ResourceRule> rules(String namespace) {
        Call call = new Call("review", "authorization.k8s.io/v1", "SelfSubjectRulesReview", namespace, null);
        SelfSubjectRulesReview review = new SelfSubjectRulesReviewBuilder().withNewSpec().withNamespace(namespace)
                .endSpec().build();
        SelfSubjectRulesReview answer;
        try {
            answer = cluster.calls().idempotent(call,
                    () -> cluster.client().authorization().v1().selfSubjectRulesReview().create(review));
        } catch (ClusterException e) {
            return List.of(); // no rules review here: every permission is asked exactly instead
        }
        if (answer == null || answer.getStatus() == null || answer.getStatus().getResourceRules() == null) {
            return List.of();
        }
        return answer.getStatus().getResourceRules();
    }

    private boolean allowed(Access ask) {
        Call call = new Call("review", "authorization.k8s.io/v1", "SelfSubjectAccessReview", ask.namespace(), null);
        SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder().withNewSpec().withNewResourceAttributes()
                .withVerb(ask.verb()).withGroup(ask.group()).withResource(resource(ask)).withSubresource(subresource(ask))
                .withNamespace(ask.namespace()).endResourceAttributes().endSpec().build();
        SelfSubjectAccessReview answer = cluster.calls().idempotent(call,
                () -> cluster.client().authorization().v1().selfSubjectAccessReview().create(review));
        return answer != null && answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
    }

    /** RBAC's own matching, for rules without resourceNames (those never allow a verb on every object). */
    static boolean allowedBy(List<ResourceRule> rules, Access ask) {
        for (ResourceRule rule : rules) {
            boolean anyName = rule.getResourceNames() == null || rule.getResourceNames().isEmpty();
            if (anyName && matches(rule.getVerbs(), ask.verb()) && matches(rule.getApiGroups(), ask.group())
                    && resourceMatches(rule.getResources(), ask.resource())) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(List<String> values, String wanted) {
        return values != null && (values.contains("*") || values.contains(wanted));
    }

    private static boolean resourceMatches(List<String> resources, String wanted) {
        if (resources == null) {
            return false;
        }
        int slash = wanted.indexOf('/');
        return resources.contains("*") || resources.contains(wanted)
                || (slash > 0 && resources.contains("*" + wanted.substring(slash)));
    }

    private static String resource(Access ask) {
        int slash = ask.resource().indexOf('/');
        return slash < 0 ? ask.resource() : ask.resource().substring(0, slash);
    }

    private static String subresource(Access ask) {
        int slash = ask.resource().indexOf('/');
        return slash < 0 ? null : ask.resource().substring(slash + 1);
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
