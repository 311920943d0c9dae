package io.paycli.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The users a sandbox knows, read like kube-apiserver's {@code --token-auth-file}: one CSV line per user,
 * {@code token,user,uid,"group1,group2"}, the groups optional. With users, every request must carry the bearer
 * token of one of them and is authorised by the RBAC objects stored in the sandbox.
 */
public final class SandboxUsers {

    /** One user: its token, name, uid and groups (without the implicit system:authenticated). */
    public record User(String token, String name, String uid, List<String> groups) {

        boolean master() {
            return groups.contains("system:masters");
        }

        /** The groups RBAC matches against, with the one every authenticated user has. */
        List<String> allGroups() {
            List<String> all = new ArrayList<>(groups);
            all.add("system:authenticated");
            return all;
        }
    }

    private final List<User> users;

    private SandboxUsers(List<User> users) {
        this.users = List.copyOf(users);
    }

    public static SandboxUsers read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token file " + file, e);
        }
    }

    /** Parses token-file text; {@code source} names it in errors. */
    public static SandboxUsers parse(String text, String source) {
        List<User> users = new ArrayList<>();
        int number = 0;
        for (String line : text.split("\\R")) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = fields(line);
            if (fields.size() < 3 || fields.get(0).isEmpty() || fields.get(1).isEmpty()) {
                throw new IllegalArgumentException(source + " line " + number
                        + ": expected token,user,uid[,\"group1,group2\"]");
            }
            List<String> groups = fields.size() > 3 && !fields.get(3).isBlank()
                    ? List.of(fields.get(3).split(",")).stream().map(String::trim).toList() : List.of();
            users.add(new User(fields.get(0), fields.get(1), fields.get(2), groups));
        }
        if (users.isEmpty()) {
            throw new IllegalArgumentException(source + " holds no user");
        }
        return new SandboxUsers(users);
    }

    public List<User> all() {
        return users;
    }

    Optional<User> byToken(String token) {
        return users.stream().filter(u -> u.token().equals(token)).findFirst();
    }

    /** The first user in system:masters, whose token the written kubeconfig carries. */
    public Optional<User> firstMaster() {
        return users.stream().filter(User::master).findFirst();
    }

    /** CSV fields; a field in double quotes may hold commas. */
    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString().trim());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString().trim());
        return fields;
    }
}
