package io.paycli.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the preflight asks of the server, and what it costs. */
class AccessReviewTest {
    @TempDir
    Path dir;
    SandboxCluster cluster;

    @BeforeEach
    void start() {
        cluster = SandboxCluster.start(dir);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static List<Access> asks() {
        return List.of(new Access("patch", "apps", "deployments", SandboxCluster.NS),
                new Access("delete", "networking.k8s.io", "ingresses", SandboxCluster.NS),
                new Access("create", "", "namespaces", null));
    }

    @Test
    void oneRulesReviewAnswersTheNamespaceAndClusterScopeIsAskedExactly() {
        assertThat(cluster.gateway.denied(asks())).isEmpty();

        assertThat(cluster.requests).containsExactly(
                "POST /apis/authorization.k8s.io/v1/selfsubjectrulesreviews",
                "POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews");
    }

    @Test
    void withoutARulesReviewEveryPermissionIsAskedExactly() {
        cluster.sandbox.faults().forbid("create", "selfsubjectrulesreviews", null);

        assertThat(cluster.gateway.denied(asks())).isEmpty();

        assertThat(cluster.requests).filteredOn(r -> r.endsWith("selfsubjectaccessreviews")).hasSize(3);
    }
}
