package io.paycli.core.archive;

import java.util.Base64;

/**
 * A cluster installation for the capture tests: an app namespace with a CRD and a custom resource, RBAC, a quota,
 * limits and a network policy, cluster-scoped classes, an ingress-controller-like system namespace, Secrets, and
 * objects a capture must leave out.
 */
final class Installation {
    private Installation() {
    }

    static void seed(InstallCluster c) {
        c.create("""
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: widgets.example.com}
                spec:
                  group: example.com
                  scope: Namespaced
                  names: {plural: widgets, singular: widget, kind: Widget}
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
                """);
        c.create("""
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: shop
                  labels: {team: payments}
                  annotations:
                    kubectl.kubernetes.io/last-applied-configuration: '{"kind":"Namespace"}'
                """);
        c.create("{apiVersion: v1, kind: Namespace, metadata: {name: ingress-nginx}}");
        c.create("""
                apiVersion: storage.k8s.io/v1
                kind: StorageClass
                metadata: {name: fast}
                provisioner: example.com/ssd
                reclaimPolicy: Delete
                """);
        c.create("""
                apiVersion: networking.k8s.io/v1
                kind: IngressClass
                metadata: {name: nginx}
                spec: {controller: k8s.io/ingress-nginx}
                """);
        c.create("{apiVersion: scheduling.k8s.io/v1, kind: PriorityClass, metadata: {name: high}, value: 1000}");
        c.create("{apiVersion: scheduling.k8s.io/v1, kind: PriorityClass, metadata: {name: system-cluster-critical},"
                + " value: 2000000000}");
        c.create("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: shop-reader}
                rules: [{apiGroups: [""], resources: [pods], verbs: [get, list]}]
                """);
        c.create("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: "system:sneaky"}
                rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
                """);
        c.create("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: {name: shop-reader}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: shop-reader}
                subjects: [{kind: ServiceAccount, name: deployer, namespace: shop}]
                """);
        c.create("{apiVersion: v1, kind: ServiceAccount, metadata: {name: deployer, namespace: shop}}");
        c.create("{apiVersion: v1, kind: ServiceAccount, metadata: {name: default, namespace: shop}}");
        c.create("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata: {name: deployer, namespace: shop}
                rules: [{apiGroups: [apps], resources: [deployments], verbs: [get, patch]}]
                """);
        c.create("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: deployer, namespace: shop}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: deployer}
                subjects: [{kind: ServiceAccount, name: deployer, namespace: shop}]
                """);
        c.create("""
                apiVersion: v1
                kind: ResourceQuota
                metadata: {name: compute, namespace: shop}
                spec: {hard: {requests.cpu: "8", requests.memory: 16Gi}}
                """);
        c.create("""
                apiVersion: v1
                kind: LimitRange
                metadata: {name: defaults, namespace: shop}
                spec: {limits: [{type: Container, default: {memory: 512Mi}}]}
                """);
        c.create("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: deny-all, namespace: shop}
                spec: {podSelector: {}, policyTypes: [Ingress]}
                """);
        c.create("""
                apiVersion: v1
                kind: Secret
                metadata: {name: db-credentials, namespace: shop}
                type: Opaque
                data: {password: %s}
                """.formatted(Base64.getEncoder().encodeToString(ClusterCaptureTest.SECRET_VALUE.getBytes())));
        c.create("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: paycli-release.web.prod.v1
                  namespace: shop
                  labels: {app.kubernetes.io/managed-by: paycli}
                type: paycli.io/release.v1
                data: {release: eA==}
                """);
        // What paycli's app restore brings back, and what is not the installation's.
        c.create("{apiVersion: v1, kind: ConfigMap, metadata: {name: app-settings, namespace: shop}, data: {a: b}}");
        c.create("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  namespace: shop
                  labels: {app.kubernetes.io/managed-by: paycli}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: web, image: "nginx:1.27"}]}
                """);
        seedIngressController(c);
        c.awaitEstablished("widgets.example.com");
        c.create("""
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: gizmo, namespace: shop}
                spec: {size: 3}
                """);
    }

    private static void seedIngressController(InstallCluster c) {
        c.create("{apiVersion: v1, kind: ServiceAccount, metadata: {name: controller, namespace: ingress-nginx}}");
        c.create("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: controller, namespace: ingress-nginx}
                data: {use-forwarded-headers: "true"}
                """);
        c.create("{apiVersion: v1, kind: ConfigMap, metadata: {name: kube-root-ca.crt, namespace: ingress-nginx},"
                + " data: {ca.crt: x}}");
        c.create("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: owned
                  namespace: ingress-nginx
                  ownerReferences: [{apiVersion: v1, kind: ConfigMap, name: controller, uid: 1234-5678}]
                data: {a: b}
                """);
        c.create("""
                apiVersion: v1
                kind: Secret
                metadata: {name: controller-tls, namespace: ingress-nginx}
                type: kubernetes.io/tls
                data: {tls.crt: Y2VydA==, tls.key: a2V5}
                """);
        c.create("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: controller, namespace: ingress-nginx, labels: {app: ingress-nginx}}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: ingress-nginx}}
                  template:
                    metadata: {labels: {app: ingress-nginx}}
                    spec:
                      serviceAccountName: controller
                      containers: [{name: controller, image: "registry.k8s.io/ingress-nginx/controller:v1.12.0"}]
                """);
        c.create("""
                apiVersion: v1
                kind: Service
                metadata: {name: controller, namespace: ingress-nginx}
                spec:
                  type: LoadBalancer
                  clusterIP: 10.96.0.50
                  clusterIPs: [10.96.0.50]
                  selector: {app: ingress-nginx}
                  ports: [{name: https, port: 443, targetPort: 443}]
                """);
    }
}
