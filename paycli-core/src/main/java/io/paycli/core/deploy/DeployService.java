package io.paycli.core.deploy;

import io.paycli.core.cluster.ClusterConnector;
import io.paycli.core.cluster.ClusterGateway;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.DeployEvent.Kind;
import io.paycli.core.model.DeployEvent.Step;
import io.paycli.core.error.ReleaseFailedException;
import io.paycli.core.model.AppConfig;
import io.paycli.core.model.DeployRequest;
import io.paycli.core.model.EnvConfig;
import io.paycli.core.model.Manifest;
import io.paycli.core.model.ManifestSet;
import io.paycli.core.model.ObjectRef;
import io.paycli.core.model.Release;
import io.paycli.core.model.Strategy;
import io.paycli.core.render.ManifestYaml;
import io.paycli.core.template.Catalog;
import io.paycli.core.template.TemplateEngine;
import io.paycli.core.validate.ValidationReport;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one façade the CLI and the agent use: render → validate → lock → apply → prune → wait →
 * record → sinks (archive, notify), and the questions asked of a release afterwards.
 */
public final class DeployService {
    private final Rendering rendering;
    private final ClusterConnector connector;
    private final Publisher publisher;
    private final Clock clock;

    /** {@code catalog} is opened only when something is rendered. */
    public DeployService(Supplier<Catalog> catalog, TemplateEngine engine, ClusterConnector connector,
                         List<ReleaseSink> sinks, Clock clock) {
        this.rendering = new Rendering(catalog, engine);
        this.connector = connector;
        this.publisher = new Publisher(sinks);
        this.clock = clock;
    }

    /** A service that only renders and validates; cluster operations fail with a clear message. */
    public static DeployService offline(Catalog catalog, TemplateEngine engine) {
        return new DeployService(() -> catalog, engine, context -> {
            throw new IllegalStateException("this DeployService has no cluster connector");
        }, List.of(), Clock.systemUTC());
    }

    /**
     * Loads paycli.yaml, layers and checks the values, and renders. Invalid config, values or
     * templates fail here; the manifests themselves are checked by {@link #validate}.
     */
    public Rendered render(DeployRequest request) {
        return rendering.render(request);
    }

    /** Structural problems are errors; policy findings are errors only when {@code strict}. */
    public ValidationReport validate(Rendered rendered, boolean strict) {
        return rendering.validate(rendered, strict);
    }

    /** PRODUCT.md section 4, steps 1 to 7. Throws with the documented exit code when it fails. */
    public DeployResult deploy(DeployRequest request, DeployOptions options, Consumer<DeployEvent> events) {
        // Rendered first, so that the first line can name the target without reading paycli.yaml twice.
        Rendered rendered = render(request);
        announce(new Target(rendered.app().app(), rendered.env().name(), rendered.manifests().namespace(),
                rendered.context()), events);
        events.accept(DeployEvent.step(Step.RENDER, Kind.STARTED, "render and validate"));
        rendered.warnings().forEach(w -> events.accept(DeployEvent.step(Step.RENDER, Kind.WARNING, w)));
        ValidationReport report = validate(rendered, options.strict()).requireValid();
        report.warnings().forEach(w -> events.accept(DeployEvent.step(Step.RENDER, Kind.WARNING, w.describe())));
        ManifestSet set = rendered.manifests();
        events.accept(DeployEvent.step(Step.RENDER, Kind.DONE, set.manifests().size() + " objects from "
                + set.template() + "@" + set.templateVersion() + " for " + set.app() + " " + set.tag()));
        try (ClusterGateway cluster = connector.connect(rendered.context())) {
            List<Manifest> manifests = set.manifests();
            if (options.dryRun()) {
                return dryRun(cluster, PreScale.keptIn(cluster, set, clock.instant()).manifests(), events);
            }
            new Preflight(cluster).deploy(set.namespace(), set.app(), set.env(), withSmoke(rendered.env(), set).manifests(),
                    options.createNamespace());
            if (options.createNamespace()) {
                // Before the lock: the lock's Lease lives in the namespace. Read first, so that deploying into a
                // namespace that exists needs no right to write namespaces, a cluster-scoped kind; and a plain
                // create, so that a missing one needs only the right to create namespaces.
                Manifest namespace = namespace(set.namespace());
                events.accept(DeployEvent.step(Step.NAMESPACE, Kind.STARTED, set.namespace()));
                if (cluster.get(ObjectRef.of(namespace)).isEmpty()) {
                    cluster.create(namespace);
                    events.accept(DeployEvent.step(Step.NAMESPACE, Kind.DONE, "created namespace " + set.namespace()));
                } else {
                    events.accept(DeployEvent.step(Step.NAMESPACE, Kind.DONE,
                            "namespace " + set.namespace() + " exists"));
                }
            }
            Release next = Releases.pending(set, ManifestYaml.write(set.manifests()), options.user(), clock.instant());
            Publish publish = (release) -> publisher.publish(Published.Action.DEPLOY, release, cluster, rendered.app(),
                    rendered.env(), connector.contextName(rendered.context()), events);
            return published(publish, () -> rendered.env().strategy() == Strategy.BLUE_GREEN
                    ? new BlueGreenPipeline(cluster, options, events, clock, rendered.env().blueGreen())
                            .run(next, manifests, Releases.holder(options.user()))
                    : new ReleasePipeline(cluster, options, events, clock)
                            .run(next, manifests, Releases.holder(options.user())));
        }
    }

    /**
     * Puts a recorded revision back in place as a new revision: the given one, or the last
     * successful revision before the current one.
     */
    public DeployResult rollback(DeployRequest request, Integer toRevision, DeployOptions options,
                                 Consumer<DeployEvent> events) {
        Target target = target(request);
        announce(target, events);
        AppConfig app = rendering.app(request);
        EnvConfig env = rendering.environment(app, request);
        try (ClusterGateway cluster = connector.connect(target.context())) {
            Publish publish = (release) -> publisher.publish(Published.Action.ROLLBACK, release, cluster, app, env,
                    connector.contextName(target.context()), events);
            String holder = Releases.holder(options.user());
            if (env.strategy() == Strategy.BLUE_GREEN) {
                Optional<DeployResult> switched = new ColourSteps(cluster, target, options, events, clock,
                        env.blueGreen()).switchBack(toRevision, holder);
                if (switched.isPresent()) {
                    publish.accept(switched.get().release());
                    return switched.get();
                }
            }
            List<Release> history = cluster.releases(target.namespace()).list(target.app(), target.env());
            Optional<Release> colourSource = toRevision == null && env.strategy() == Strategy.BLUE_GREEN
                    ? ColourRecords.rollbackSource(history) : Optional.empty();
            Release source = colourSource.orElseGet(() -> Releases.rollbackSource(history, toRevision, target.app(),
                    target.env()));
            events.accept(DeployEvent.step(Step.ROLLBACK, Kind.STARTED, "to revision " + source.revision()
                    + " (" + source.tag() + ")"));
            List<Manifest> manifests = ColourRecords.template(source);
            new Preflight(cluster).deploy(target.namespace(), target.app(), target.env(), manifests, false);
            Release next = Releases.rollbackOf(source, options.user(), clock.instant(), ManifestYaml.write(manifests));
            return published(publish, () -> env.strategy() == Strategy.BLUE_GREEN
                    ? new BlueGreenPipeline(cluster, options, events, clock, env.blueGreen()).run(next, manifests, holder)
                    : new ReleasePipeline(cluster, options, events, clock).run(next, manifests, holder));
        }
    }

    /**
     * Restores the apps of {@code source} (read with {@link io.paycli.core.archive.ArchiveApps#read}) into the cluster
     * of {@code options.context()}: each app's last successful release through the deploy engine, several at once,
     * recorded in the target and published as a RESTORE step. An app already running its archived version, healthy,
     * is left untouched. Never throws for one app's failure: the report says which failed.
     */
    public RestoreReport restore(io.paycli.core.archive.ArchiveSnapshot source, RestoreOptions options,
                                 Consumer<DeployEvent> events) {
        return new Restore(connector, publisher, clock).run(source, options, events);
    }

    /**
     * Blue-green: switches the Service {@code <app>} to the colour a deploy with {@code autoPromote: false} left
     * ready on preview, with one patch, and records it as a revision of its own.
     */
    public DeployResult promote(DeployRequest request, DeployOptions options, Consumer<DeployEvent> events) {
        return colourStep(Published.Action.PROMOTE, request, events,
                steps -> steps.promote(Releases.holder(options.user())), options);
    }

    /**
     * Blue-green: scales the colour on preview (not yet promoted) to 0 and leaves traffic where it is; recorded as
     * a revision of its own.
     */
    public DeployResult abort(DeployRequest request, DeployOptions options, Consumer<DeployEvent> events) {
        return colourStep(Published.Action.ABORT, request, events,
                steps -> steps.abort(Releases.holder(options.user())), options);
    }

    private DeployResult colourStep(Published.Action action, DeployRequest request, Consumer<DeployEvent> events,
                                    java.util.function.Function<ColourSteps, DeployResult> step,
                                    DeployOptions options) {
        Target target = target(request);
        AppConfig app = rendering.app(request);
        EnvConfig env = rendering.environment(app, request);
        announce(target, events);
        try (ClusterGateway cluster = connector.connect(target.context())) {
            DeployResult result = step.apply(new ColourSteps(cluster, target, options, events, clock,
                    env.blueGreen()));
            publisher.publish(action, result.release(), cluster, app, env, connector.contextName(target.context()),
                    events);
            return result;
        }
    }

    /** Publishes what a pipeline recorded, succeeded or failed; an unchanged release is not a step. */
    private static DeployResult published(Publish publish, Supplier<DeployResult> pipeline) {
        DeployResult result;
        try {
            result = pipeline.get();
        } catch (ReleaseFailedException e) {
            publish.accept(e.release());
            throw e;
        }
        if (!result.unchanged()) {
            publish.accept(result.release());
        }
        return result;
    }

    /** Hands one recorded step to the sinks. */
    private interface Publish {
        void accept(Release release);
    }

    /**
     * Pre-scales the HPA of the revision in place: {@code min} and {@code max} until {@code until} (null: until
     * reverted), for {@code reason}, under the app's lock, recorded on the HPA and in history.
     */
    public PreScaleResult scale(DeployRequest request, int min, int max, java.time.Instant until, String reason,
                                String user, Consumer<DeployEvent> events) {
        PreScaling.checkBounds(min, max);
        Target target = target(request);
        AppConfig app = rendering.app(request);
        EnvConfig env = rendering.environment(app, request);
        announce(target, events);
        try (ClusterGateway cluster = connector.connect(target.context())) {
            PreScaleResult result = new PreScaling(cluster, target, events).scale(min, max, until, reason, user,
                    Releases.holder(user), clock.instant());
            publisher.publish(Published.Action.SCALE, result.entry(), cluster, app, env,
                    connector.contextName(target.context()), events);
            return result;
        }
    }

    /** Reverts the pre-scale override of the app's HPA to the template's values; says so when there is none. */
    public PreScaleResult revertScale(DeployRequest request, String user, Consumer<DeployEvent> events) {
        Target target = target(request);
        AppConfig app = rendering.app(request);
        EnvConfig env = rendering.environment(app, request);
        announce(target, events);
        try (ClusterGateway cluster = connector.connect(target.context())) {
            PreScaleResult result = new PreScaling(cluster, target, events).revert(user, Releases.holder(user),
                    clock.instant());
            publisher.publish(Published.Action.SCALE, result.entry(), cluster, app, env,
                    connector.contextName(target.context()), events);
            return result;
        }
    }

    /** The pre-scale override on the app's HPA, if one is recorded there (in force or expired). */
    public java.util.Optional<PreScaleOverride> preScale(DeployRequest request) {
        Target target = target(request);
        try (ClusterGateway cluster = connector.connect(target.context())) {
            return new PreScaling(cluster, target, e -> { }).live();
        }
    }

    /**
     * Does what is due in {@code namespace} (null: every namespace) of the cluster of {@code context} (null: the
     * kubeconfig's current one): scales down old colours whose switch-back window ended and reverts expired pre-scale
     * overrides, each under its app's lock.
     */
    public List<ReconcileOutcome> reconcile(String context, String namespace, boolean dryRun, String user,
                                            Consumer<DeployEvent> events) {
        String name = connector.contextName(context);
        events.accept(DeployEvent.step(Step.TARGET, Kind.STARTED, "reconcile in " + (namespace == null
                ? "every namespace" : "namespace " + namespace) + (name == null ? "" : ", context " + name
                + (context == null ? " (the kubeconfig's current context)" : ""))));
        try (ClusterGateway cluster = connector.connect(context)) {
            return new Reconciler(cluster, List.of(new IdleColours(), new ExpiredPreScales()), events, clock,
                    entry -> publisher.publish(Published.Action.RECONCILE, entry, cluster, name, name, List.of(),
                            events)).run(namespace, dryRun, user, Releases.holder(user));
        }
    }

    /** The revisions the cluster keeps for this app and environment, newest first. */
    public History history(DeployRequest request) {
        return history(request, e -> { });
    }

    /** As {@link #history(DeployRequest)}, naming the target and the context first as an event. */
    public History history(DeployRequest request, Consumer<DeployEvent> events) {
        Target target = target(request);
        announce(target, events);
        try (ClusterGateway cluster = connector.connect(target.context())) {
            return new History(target, cluster.releases(target.namespace()).list(target.app(), target.env()));
        }
    }

    /** The current revision and the live state of its objects. */
    public Status status(DeployRequest request) {
        return status(request, e -> { });
    }

    /** As {@link #status(DeployRequest)}, naming the target and the context first as an event. */
    public Status status(DeployRequest request, Consumer<DeployEvent> events) {
        Target target = target(request);
        announce(target, events);
        try (ClusterGateway cluster = connector.connect(target.context())) {
            return StatusQuery.of(cluster, target);
        }
    }

    /** What a deploy would change: a server-side dry run compared with the live objects. */
    public Diff diff(DeployRequest request) {
        return diff(request, e -> { });
    }

    /** As {@link #diff(DeployRequest)}, naming the target and the context first as an event, once rendered. */
    public Diff diff(DeployRequest request, Consumer<DeployEvent> events) {
        Rendered rendered = render(request);
        announce(new Target(rendered.app().app(), rendered.env().name(), rendered.manifests().namespace(),
                rendered.context()), events);
        validate(rendered, false).requireValid();
        try (ClusterGateway cluster = connector.connect(rendered.context())) {
            ManifestSet set = rendered.manifests();
            new Preflight(cluster).diff(set.namespace(), set.app(), set.env(), set.manifests());
            return Differ.diff(cluster, PreScale.keptIn(cluster, set, clock.instant()));
        }
    }

    /**
     * The least-privilege Role and RoleBinding (and, with {@code createNamespace}, the ClusterRole and its
     * binding) that {@code subject} needs to deploy this app; rendered without a cluster. The tag does not
     * change the kinds, so a missing one is fine.
     */
    public List<Map<String, Object>> rbac(DeployRequest request, RbacPolicy.Subject subject, boolean createNamespace) {
        DeployRequest tagged = request.tag() == null || request.tag().isEmpty()
                ? new DeployRequest(request.path(), request.env(), "latest", request.sets(), request.context(),
                        request.namespace())
                : request;
        Rendered rendered = render(tagged);
        validate(rendered, false).requireValid();
        return RbacPolicy.of(withSmoke(rendered.env(), rendered.manifests()), subject, createNamespace);
    }

    /** The set with the smoke check's Job, when a blue-green environment has one: for the rights a deploy needs. */
    private static ManifestSet withSmoke(EnvConfig env, ManifestSet set) {
        if (env.strategy() != Strategy.BLUE_GREEN || env.blueGreen().smoke() == null) {
            return set;
        }
        List<Manifest> all = new ArrayList<>(set.manifests());
        all.add(SmokeCheck.job(env.blueGreen().smoke(), set.app(), set.env(), set.namespace(), 1, "http://preview"));
        return new ManifestSet(set.app(), set.env(), set.namespace(), set.tag(), set.image(), set.template(),
                set.templateVersion(), set.catalogCommit(), set.configMapName(), set.configHash(), all);
    }

    /** The first line of a command that talks to a cluster: which one, so that a wrong current context shows. */
    private void announce(Target target, Consumer<DeployEvent> events) {
        String context = connector.contextName(target.context());
        // Without a kubeconfig there is no context to name: the connect that follows says what is missing.
        String where = context == null ? ""
                : ", context " + context + (target.context() == null ? " (the kubeconfig's current context)" : "");
        events.accept(DeployEvent.step(Step.TARGET, Kind.STARTED, target.app() + " (" + target.env() + ") in namespace "
                + target.namespace() + where));
    }

    /** Which app, environment, namespace and context a request names, without rendering. */
    private Target target(DeployRequest request) {
        return rendering.target(request);
    }

    private static DeployResult dryRun(ClusterGateway cluster, List<Manifest> manifests, Consumer<DeployEvent> events) {
        List<ObjectRef> refs = new ArrayList<>();
        Autoscaling autoscaling = new Autoscaling(manifests, List.of());
        for (Manifest m : manifests) {
            // The handover is computed, not written, so the dry run shows the count kept rather than 1.
            OptionalInt kept = autoscaling.scaled(m) ? cluster.handOverReplicas(m, true) : OptionalInt.empty();
            cluster.apply(kept.isPresent() ? Autoscaling.withReplicas(m, kept.getAsInt()) : m, true);
            ObjectRef ref = ObjectRef.of(m);
            refs.add(ref);
            events.accept(DeployEvent.resource(Step.APPLY, ref, "applied (server dry run)" + (kept.isPresent()
                    ? "; spec.replicas (" + kept.getAsInt() + ") handed over to the autoscaler" : "")));
        }
        return new DeployResult(null, false, refs, List.of(), true);
    }

    private static Manifest namespace(String name) {
        Map<String, Object> body = Map.of("apiVersion", "v1", "kind", "Namespace",
                "metadata", Map.of("name", name, "labels", Map.of("app.kubernetes.io/managed-by", "paycli")));
        return new Manifest("v1", "Namespace", null, name, body, "--create-namespace");
    }
}
