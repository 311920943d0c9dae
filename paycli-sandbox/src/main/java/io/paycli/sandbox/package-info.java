/**
 * An in-memory Kubernetes API server for tests, {@code paycli sandbox} and {@code paycli demo}; production code
 * never uses it.
 *
 * <p>{@link io.paycli.sandbox.Sandbox} is the whole public surface, with {@link io.paycli.sandbox.Faults},
 * {@link io.paycli.sandbox.RequestCounter}, {@link io.paycli.sandbox.SandboxSettings}, the timeline's
 * {@link io.paycli.sandbox.TimelineEntry} and {@link io.paycli.sandbox.CapacityReplay}.
 *
 * <p>The timeline ({@link io.paycli.sandbox.Sandbox#timeline()}) records every change of a stored object, in the
 * store's order, with a sequence number, the verb, who made it and the object as stored after it, so that a test
 * can check what held at every moment rather than only at the end: that traffic never moved to fewer ready pods,
 * that nobody reset replicas to 1 ({@link io.paycli.sandbox.CapacityReplay}). Writes are named by their field
 * manager as a real server records it; the simulated controllers by the manager a real one shows
 * (kube-controller-manager, kubelet, kube-apiserver for the built-in objects). It keeps the newest
 * {@link io.paycli.sandbox.SandboxSettings#timelineLimit()} entries.
 *
 * <p>Objects are kept by
 * fabric8's CRUD mock dispatcher; this package adds what a real server does and the mock does not. Where it
 * knowingly differs from a real server:
 * <ul>
 * <li>Field ownership is tracked per leaf with the list-map keys of the common built-in lists (containers, env,
 * volumes, volume mounts, container and Service ports; finalizers as a set); other lists of objects are atomic,
 * where a real server knows more keys from its schema. FieldsV1 marks list items with "." but not the maps an
 * Update added, as a real server does.</li>
 * <li>managedFields in an applied object are refused (400), as the real server does; in an update they replace
 * the record when not empty (as on a real server, which also validates them).</li>
 * <li>The last-applied-configuration annotation is kept as kubectl sends it; the server never writes it itself
 * (a real server does, for the manager {@code kubectl} only).</li>
 * <li>Deletion is immediate except for namespaces (Terminating for a moment) and objects with finalizers;
 * propagationPolicy is accepted and pods of a deleted Deployment go with it.</li>
 * <li>The Deployment controller makes one ReplicaSet per pod template, with revisions, and the pods belong to it;
 * but the ReplicaSet controller is not separate: the Deployment's rollout creates and removes the pods, and a
 * ReplicaSet scaled by hand is scaled back. The Deployment's conditions and counts are computed from the pods (see
 * RolloutSimulator); the image tag chooses what the pods do (see PodBehaviour). The pod-template-hash ignores empty
 * fields instead of hashing the defaulted template.</li>
 * <li>The Job controller runs one pod at a time (parallelism and completions above 1 run one after another),
 * replaces a failed pod one step later instead of backing off 10 s doubling, and runs restartPolicy OnFailure like
 * Never (a new pod per attempt instead of restarts in place); podFailurePolicy, successPolicy and indexed Jobs are
 * not simulated.</li>
 * <li>The HorizontalPodAutoscaler controller reads no metrics: it keeps its target within [minReplicas,
 * maxReplicas] and never scales on load.</li>
 * <li>An Event written through events.k8s.io/v1 is served through core/v1 too, converted; a core/v1 Event is not
 * served through events.k8s.io/v1.</li>
 * <li>Table output (what kubectl get prints) has the columns of kube-apiserver's printers for the kinds paycli
 * renders; a custom resource gets Name and Age even when its definition names additionalPrinterColumns, and column
 * descriptions are empty.</li>
 * <li>OpenAPI v3 only, with paths and operations but stub schemas: enough for kubectl to leave field validation
 * to the server, not for {@code kubectl explain}; no OpenAPI v2. fieldValidation knows the fields of the built-in
 * kinds from the fabric8 model classes; custom resources are not checked against their schema.</li>
 * <li>No protobuf except the Namespace body of {@code kubectl create namespace}.</li>
 * </ul>
 */
package io.paycli.sandbox;
