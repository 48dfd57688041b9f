package io.github.xenpv.render;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.ParseException;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateNotFoundException;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * FreeMarker as the bundle needs it: one configuration per build, templates from the user's
 * override folder first and the plugin's own after, strict about anything undefined.
 */
public final class TemplateEngine {

    /** Where the plugin's own templates sit in its jar, mirroring the bundle's tree. */
    static final String BUNDLED_TEMPLATES = "/templates";

    private final Configuration configuration;

    /**
     * @param overrideDirectory the user's template folder; a file there replaces the bundled one
     *     of the same relative path. May be {@code null} or missing.
     */
    public TemplateEngine(Path overrideDirectory) throws IOException {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_35);
        TemplateLoader bundled = new ClassTemplateLoader(TemplateEngine.class, BUNDLED_TEMPLATES);
        if (overrideDirectory != null && Files.isDirectory(overrideDirectory)) {
            File folder = overrideDirectory.toFile();
            cfg.setTemplateLoader(new MultiTemplateLoader(new TemplateLoader[] {new FileTemplateLoader(folder), bundled}));
        } else {
            cfg.setTemplateLoader(bundled);
        }
        cfg.setObjectWrapper(new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_35).build());
        cfg.setDefaultEncoding("UTF-8");
        cfg.setLocalizedLookup(false);
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setWrapUncheckedExceptions(true);
        cfg.setFallbackOnNullLoopVariable(false);
        cfg.setNumberFormat("c");
        cfg.setBooleanFormat("c");
        cfg.setAPIBuiltinEnabled(false);
        cfg.setSharedVariable("sh", new ShellQuote());
        cfg.setSharedVariable("py", new PythonLiteral());
        cfg.setSharedVariable("comment", new CommentText());
        this.configuration = cfg;
    }

    /** Renders one template; any failure is a {@link RenderException} naming template, line and column. */
    public String render(String templateName, Map<String, Object> dataModel) throws RenderException {
        try {
            Template template = configuration.getTemplate(templateName);
            StringWriter out = new StringWriter();
            template.process(dataModel, out);
            return out.toString();
        } catch (TemplateNotFoundException e) {
            throw new RenderException("template " + templateName + " not found in the override folder or the plugin", e);
        } catch (ParseException e) {
            throw new RenderException(where(e.getTemplateName(), e.getLineNumber(), e.getColumnNumber())
                    + ": " + e.getEditorMessage(), e);
        } catch (TemplateException e) {
            // FreeMarker names the failing expression on a later line; the build log shows only this one
            String blamed = e.getBlamedExpressionString();
            throw new RenderException(where(e.getTemplateSourceName(), e.getLineNumber(), e.getColumnNumber())
                    + ": " + firstLine(e.getMessageWithoutStackTop()) + (blamed == null ? "" : " " + blamed), e);
        } catch (IOException e) {
            throw new RenderException("template " + templateName + " could not be read: " + e.getMessage(), e);
        }
    }

    private static String where(String template, Integer line, Integer column) {
        return "template " + template + ", line " + line + ", column " + column;
    }

    private static String firstLine(String message) {
        String trimmed = message.strip();
        int end = trimmed.indexOf('\n');
        return end < 0 ? trimmed : trimmed.substring(0, end);
    }
}
