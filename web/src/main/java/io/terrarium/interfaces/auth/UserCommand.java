package io.terrarium.interfaces.auth;

import io.terrarium.application.security.ArnPattern;
import io.terrarium.application.security.Role;
import io.terrarium.application.security.RoleBindings;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./terrarium user add|list|remove}: manages a store's built-in users without a running server. The
 * password is read from standard input, without echo on a terminal (asked twice there) and as one line from a pipe.
 *
 * <p>Usage: {@code UserCommand STORE_DIR add NAME [--role ROLE]... [--primary-namespace NS]}, where ROLE is
 * {@code viewer}, {@code developer} or {@code admin} (a binding on every namespace, {@code *}/{@code *}) or
 * {@code ARN=ROLE}; {@code UserCommand STORE_DIR list}; {@code UserCommand STORE_DIR remove NAME}.
 */
public final class UserCommand {

    static final int MIN_PASSWORD = 8;

    private final Path store;
    private final PrintStream out;
    private final PasswordSource passwords;

    /** Where a new password comes from; a terminal or a pipe in use, a fixed value in tests. */
    interface PasswordSource {
        char[] read() throws IOException;
    }

    UserCommand(Path store, PrintStream out, PasswordSource passwords) {
        this.store = store;
        this.out = out;
        this.passwords = passwords;
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println(usage());
            System.exit(2);
        }
        try {
            new UserCommand(Path.of(args[0]), System.out, UserCommand::readPassword)
                    .run(Arrays.asList(args).subList(1, args.length));
        } catch (IllegalArgumentException e) {
            System.err.println("terrarium user: " + e.getMessage());
            System.exit(2);
        } catch (IOException | RuntimeException e) {
            System.err.println("terrarium user: " + e.getMessage());
            System.exit(1);
        }
    }

    static String usage() {
        return "usage: ./terrarium user add NAME [--role viewer|developer|admin|ARN=ROLE]... [--primary-namespace NS]"
                + " --store DIR   (password from standard input)\n"
                + "       ./terrarium user list --store DIR\n"
                + "       ./terrarium user remove NAME --store DIR";
    }

    void run(List<String> args) throws IOException {
        UserStore users = UserStore.of(store);
        switch (args.get(0)) {
            case "add" -> add(users, args.subList(1, args.size()));
            case "list" -> {
                if (args.size() != 1) {
                    throw new IllegalArgumentException("list takes no arguments\n" + usage());
                }
                list(users);
            }
            case "remove" -> {
                if (args.size() != 2) {
                    throw new IllegalArgumentException("remove needs one user name\n" + usage());
                }
                if (!users.remove(args.get(1))) {
                    throw new IllegalArgumentException("no user '" + args.get(1) + "' in " + users.file());
                }
                out.println("removed user " + args.get(1) + "; its sessions end with its next request");
            }
            default -> throw new IllegalArgumentException("unknown command '" + args.get(0) + "'\n" + usage());
        }
    }

    private void add(UserStore users, List<String> args) throws IOException {
        String name = null;
        String primary = null;
        Map<String, Set<String>> bindings = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--role") || a.equals("--primary-namespace")) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(a + " needs a value\n" + usage());
                }
                String value = args.get(++i);
                if (a.equals("--role")) {
                    addRole(bindings, value);
                } else {
                    primary = value;
                }
            } else if (a.startsWith("-")) {
                throw new IllegalArgumentException("unknown option '" + a + "'\n" + usage());
            } else if (name == null) {
                name = a;
            } else {
                throw new IllegalArgumentException("one user name only, got '" + name + "' and '" + a + "'");
            }
        }
        if (name == null) {
            throw new IllegalArgumentException("add needs a user name\n" + usage());
        }
        UserStore.checkName(name);
        if (primary != null) {
            UserStore.checkName(primary);
        }
        Map<String, List<String>> wire = new LinkedHashMap<>();
        bindings.forEach((arn, roles) -> wire.put(arn, new ArrayList<>(roles)));
        RoleBindings roleBindings = RoleBindings.parse(wire);
        char[] password = passwords.read();
        try {
            if (password == null || password.length < MIN_PASSWORD) {
                throw new IllegalArgumentException("the password must have at least " + MIN_PASSWORD + " characters");
            }
            boolean existed = users.find(name).isPresent();
            users.put(new UserStore.User(
                    name, PasswordHashes.hash(password), primary != null ? primary : name, roleBindings));
            if (name.equals(AuthStartup.INITIAL_ADMIN)) {
                // the generated first password no longer works: do not leave it lying around
                Files.deleteIfExists(users.file().resolveSibling(AuthStartup.INITIAL_PASSWORD_FILE));
            }
            out.println((existed ? "updated user " : "added user ") + name + " " + roleBindings.toWire());
        } finally {
            Arrays.fill(password == null ? new char[0] : password, '\0');
        }
    }

    static void addRole(Map<String, Set<String>> bindings, String value) {
        int eq = value.lastIndexOf('=');
        String arn = eq < 0 ? "*/*" : value.substring(0, eq);
        String role = eq < 0 ? value : value.substring(eq + 1);
        if (!ArnPattern.isValid(arn)) {
            throw new IllegalArgumentException("--role " + value + ": '" + arn + "' is not an ARN such as team/* or"
                    + " */* (quote it in the shell)");
        }
        Role.parse(role);
        bindings.computeIfAbsent(arn, a -> new LinkedHashSet<>()).add(role);
    }

    private void list(UserStore users) {
        if (users.users().isEmpty()) {
            out.println("no users in " + users.file());
            return;
        }
        users.users()
                .values()
                .forEach(u -> out.println(u.name() + "\tprimary namespace " + u.primaryNamespace() + "\t"
                        + u.roleBindings().toWire()));
    }

    static char[] readPassword() throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("password: ");
            char[] again = console.readPassword("password again: ");
            if (first == null || !Arrays.equals(first, again)) {
                throw new IllegalArgumentException("the two passwords differ");
            }
            Arrays.fill(again, '\0');
            return first;
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = in.readLine();
        if (line == null) {
            throw new IllegalArgumentException("no password on standard input");
        }
        return line.toCharArray();
    }
}
