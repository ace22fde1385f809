package io.terrarium.domain.model.shared;

import java.util.regex.Pattern;

/**
 * The naming rule conda-store applies to namespaces and environments, plus the path-safety rules a name must
 * follow because it becomes a directory in the store.
 */
public final class Names {

    /** conda-store's allowed characters: {@code ^[A-Za-z0-9-+_@$&?^~.=]+$}. */
    public static final Pattern ALLOWED = Pattern.compile("^[A-Za-z0-9\\-+_@$&?^~.=]+$");

    public static final int MAX_LENGTH = 255;

    private Names() {}

    /**
     * @param what "namespace" or "environment", for the message
     * @return null when valid, otherwise a message a user can act on
     */
    public static String problem(String what, String name) {
        if (name == null || name.isEmpty()) {
            return what + " name must not be empty";
        }
        if (name.length() > MAX_LENGTH) {
            return what + " name is " + name.length() + " characters long; the limit is " + MAX_LENGTH;
        }
        if (!ALLOWED.matcher(name).matches()) {
            return what + " name '" + name + "' may only contain letters, digits and -+_@$&?^~.=";
        }
        // the name becomes a directory: "." and ".." would escape it, and dot-names are the store's own
        if (name.startsWith(".")) {
            return what + " name '" + name + "' must not start with '.'";
        }
        return null;
    }
}
