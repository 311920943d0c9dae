package io.paycli.cli;

import io.paycli.core.deploy.RbacPolicy;
import io.paycli.core.error.InvalidInputException;
import io.paycli.core.render.ManifestYaml;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "rbac",
        header = "Print the least-privilege Role a deployer of this app needs.",
        description = {"Print the Role and RoleBinding that let a user, group or service account deploy this app in"
                + " its namespace: deploy, rollback, diff, status and history of the kinds it renders, and nothing"
                + " more. Every deploy first checks these permissions and names any that are missing. The Role is"
                + " rendered from paycli.yaml and needs no cluster; apply it as an administrator, for example with"
                + " 'paycli rbac -e beta --user ci | kubectl apply -f -'.",
            "",
            "With --create-namespace, also a ClusterRole and ClusterRoleBinding to read and create namespaces."
                + " Without --user, --group or --service-account the subject is the service account paycli-deployer"
                + " in the app's namespace."},
        mixinStandardHelpOptions = true)
final class RbacCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ProjectOptions project;
    @Mixin
    SetOptions values;
    @Mixin
    CatalogOptions catalog;
    @Mixin
    ManifestOutputOptions output;

    @Option(names = "--user", paramLabel = "NAME", description = "Bind the Role to this user.")
    String user;

    @Option(names = "--group", paramLabel = "NAME", description = "Bind the Role to this group.")
    String group;

    @Option(names = "--service-account", paramLabel = "NS:NAME", description = "Bind the Role to this service account.")
    String serviceAccount;

    @Option(names = "--create-namespace",
            description = "Also the cluster-wide rights to read and create the namespace (for deploy --create-namespace).")
    boolean createNamespace;

    @Override
    public Integer call() {
        long subjects = Stream.of(user, group, serviceAccount).filter(s -> s != null).count();
        if (subjects > 1) {
            throw new InvalidInputException("give one of --user, --group and --service-account");
        }
        RbacPolicy.Subject subject = user != null ? RbacPolicy.Subject.user(user)
                : group != null ? RbacPolicy.Subject.group(group)
                : serviceAccount != null ? RbacPolicy.Subject.serviceAccount(serviceAccount) : null;
        List<Map<String, Object>> objects = catalog.deployService()
                .rbac(project.request(null, values, null), subject, createNamespace);
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            Map<String, Object> list = new LinkedHashMap<>();
            list.put("apiVersion", "v1");
            list.put("kind", "List");
            list.put("items", objects);
            out.print(ManifestOutputOptions.json(list));
            return 0;
        }
        // Each document starts with its own "---".
        objects.forEach(o -> out.print(ManifestYaml.writeDocument(o)));
        return 0;
    }
}
