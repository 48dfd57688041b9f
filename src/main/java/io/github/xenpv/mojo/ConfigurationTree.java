package io.github.xenpv.mojo;

import io.github.xenpv.model.ConfigElement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.plugin.MojoFailureException;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluationException;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluator;
import org.codehaus.plexus.configuration.PlexusConfiguration;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Turns configuration XML as Maven hands it over into the model's {@link ConfigElement}, evaluating
 * each text as Maven's own binding would ({@code ${...}} expressions; one that names nothing
 * leaves the element without a value).
 */
final class ConfigurationTree {

    /** A Maven expression, {@code ${name}}. */
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{[^{}]+}");

    private ConfigurationTree() {
    }

    static ConfigElement of(PlexusConfiguration element, ExpressionEvaluator evaluator) throws MojoFailureException {
        return of(element, element.getName(), evaluator);
    }

    private static ConfigElement of(PlexusConfiguration element, String path, ExpressionEvaluator evaluator)
            throws MojoFailureException {
        List<ConfigElement> children = new ArrayList<>(element.getChildCount());
        for (PlexusConfiguration child : element.getChildren()) {
            children.add(of(child, path + "/" + child.getName(), evaluator));
        }
        String raw = element.getValue(null);
        String value = evaluate(raw, path, evaluator);
        return new ConfigElement(element.getName(), value, children, unresolved(raw, value));
    }

    /**
     * The expressions of {@code raw} that Maven's evaluation left as they were or turned into
     * nothing: an undefined property. A whole-value {@code ${x}} that names nothing evaluates to
     * {@code null}; one inside other text stays in it.
     */
    static List<String> unresolved(String raw, String value) {
        List<String> unresolved = new ArrayList<>();
        if (raw == null) {
            return unresolved;
        }
        Matcher expression = EXPRESSION.matcher(raw);
        while (expression.find()) {
            if ((value == null || value.contains(expression.group())) && !unresolved.contains(expression.group())) {
                unresolved.add(expression.group());
            }
        }
        return unresolved;
    }

    /**
     * Another module's configuration XML as its effective POM holds it, its values interpolated by
     * Maven's model builder and not evaluated further.
     */
    static ConfigElement of(Xpp3Dom element) {
        List<ConfigElement> children = new ArrayList<>(element.getChildCount());
        for (Xpp3Dom child : element.getChildren()) {
            children.add(of(child));
        }
        return new ConfigElement(element.getName(), element.getValue(), children);
    }

    /** The text as Maven's binding would have it, for the element at {@code path}. */
    static String evaluate(String raw, String path, ExpressionEvaluator evaluator) throws MojoFailureException {
        if (raw == null || evaluator == null) {
            return raw;
        }
        try {
            Object value = evaluator.evaluate(raw);
            return value == null ? null : value.toString();
        } catch (ExpressionEvaluationException e) {
            throw new MojoFailureException("xenpv: " + path + ": cannot evaluate '" + raw + "': " + e.getMessage(), e);
        }
    }
}
