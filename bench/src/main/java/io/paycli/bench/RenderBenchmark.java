package io.paycli.bench;

import io.paycli.core.config.ConfigFiles;
import io.paycli.core.config.ConfigLoader;
import io.paycli.core.config.ValuesLayering;
import io.paycli.core.deploy.DeployService;
import io.paycli.core.model.AppConfig;
import io.paycli.core.model.DeployRequest;
import io.paycli.core.model.EnvConfig;
import io.paycli.core.model.ManifestSet;
import io.paycli.core.render.ManifestYaml;
import io.paycli.core.render.RenderInput;
import io.paycli.core.render.Renderer;
import io.paycli.core.template.Catalog;
import io.paycli.core.template.TemplateEngine;
import io.paycli.core.template.TemplatePackage;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * In-process render of one app. {@code render} is the pure step (templates → sorted manifests);
 * {@code renderToYaml} adds writing the YAML; {@code loadAndRender} is everything
 * {@code paycli render} does in-process: read paycli.yaml and config files, layer and check
 * values, render; {@code loadRenderValidate} adds {@code paycli validate}'s checks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RenderBenchmark {
    @Param({"web", "spring-boot-api", "worker", "batch"})
    public String example;

    private Renderer renderer;
    private RenderInput input;
    private TemplatePackage pkg;
    private DeployService service;
    private DeployRequest request;

    @Setup
    public void setUp() {
        Path dir = Path.of(System.getProperty("paycli.examples", "examples")).resolve(example);
        Catalog catalog = Catalog.open(null, Path.of("unused"));
        TemplateEngine engine = new TemplateEngine();
        AppConfig app = new ConfigLoader().load(dir);
        EnvConfig env = app.environment("release").orElseThrow();
        pkg = catalog.get(app.template());
        var values = ValuesLayering.layer(pkg.defaults(), "defaults", app, env, List.of());
        input = new RenderInput(app.app(), app.team(), env.name(), env.namespace(), app.image() + ":1.0.0",
                "1.0.0", values.merged(), ConfigFiles.read(app, env));
        renderer = new Renderer(engine);
        service = DeployService.offline(catalog, engine);
        request = new DeployRequest(dir, "release", "1.0.0", List.of(), null, null);
    }

    @Benchmark
    public ManifestSet render() {
        return renderer.render(input, pkg);
    }

    @Benchmark
    public String renderToYaml() {
        return ManifestYaml.write(renderer.render(input, pkg).manifests());
    }

    @Benchmark
    public Object loadAndRender() {
        return service.render(request);
    }

    @Benchmark
    public Object loadRenderValidate() {
        return service.validate(service.render(request), false).requireValid();
    }
}
