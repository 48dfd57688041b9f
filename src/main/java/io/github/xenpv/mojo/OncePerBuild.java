package io.github.xenpv.mojo;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the goals of one project's build have already logged, so that a warning (or a note about
 * files the plugin keeps) is said once per build, not once by each of validate, generate and
 * bundle. It lives in the plugin context, which Maven keeps per plugin and project for the whole
 * build and shares among the plugin's goals; only JDK types go in, since goals of another
 * version of the plugin could read it.
 */
final class OncePerBuild {

    private static final String KEY = "io.github.xenpv.logged";

    private OncePerBuild() {
    }

    /** {@code true} the first time {@code line} is offered in this build; always without a context. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static boolean first(Map pluginContext, String line) {
        if (pluginContext == null) {
            return true;
        }
        Set<String> said;
        synchronized (pluginContext) {
            said = (Set<String>) pluginContext.computeIfAbsent(KEY, key -> ConcurrentHashMap.newKeySet());
        }
        return said.add(line);
    }
}
