package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first steps of a new user, with no --context anywhere: bin/paycli sandbox in the background, KUBECONFIG
 * pointed at the file it writes under $HOME, init, deploy; kubectl judges what landed.
 */
class NewUserIT {
    @TempDir
    Path home;

    @Test
    void sandboxInitAndDeployWithoutAContextAnywhere() throws Exception {
        Processes processes = new Processes(home);
        Path kubeconfig = home.resolve(".paycli").resolve("sandbox.kubeconfig");
        Process sandbox = processes.start(Processes.JAR, "sandbox", "sandbox", "--port", "0");
        try {
            for (int i = 0; i < 300 && !Files.exists(kubeconfig); i++) {
                Thread.sleep(100);
            }
            assertThat(kubeconfig).as(processes.read("sandbox", "out")).exists();
            processes.env("KUBECONFIG", kubeconfig.toString());

            Processes.Run init = processes.paycli("init", "--type", "web", "--app", "shop", "--dir",
                    home.resolve("shop").toString());
            assertThat(init.exit()).as(init.toString()).isZero();
            assertThat(Files.readString(home.resolve("shop/paycli.yaml"))).doesNotContain("context:");

            Processes.Run deploy = processes.paycli("deploy", "-f", home.resolve("shop").toString(), "-e", "beta",
                    "-t", "1.0.0", "--create-namespace");

            assertThat(deploy.exit()).as(deploy.toString()).isZero();
            assertThat(deploy.err().lines().findFirst().orElse("")).contains("context paycli-sandbox");
            Processes.Run image = processes.kubectl(kubeconfig, "get", "deployment", "shop", "-n", "shop-beta", "-o",
                    "jsonpath={.spec.template.spec.containers[0].image}");
            assertThat(image.out()).isEqualTo("registry.example.com/shop:1.0.0");
        } finally {
            sandbox.destroy();
            assertThat(sandbox.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
