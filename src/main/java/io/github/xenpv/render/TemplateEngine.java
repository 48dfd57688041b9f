package io.github.xenpv.render;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.ParseException;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateNotFoundException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * FreeMarker as the bundle needs it: one configuration per build, templates from the user's
 * override folder first and the plugin's own after, strict about anything undefined.
 */
public final class TemplateEngine {

    /**
     * Where the plugin's own templates sit in its jar, mirroring the bundle's tree: under the
     * plugin's own package, so no other jar's {@code /templates} can shadow or be shadowed by them.
     */
    static final String BUNDLED_TEMPLATES = "/io/github/xenpv/templates";

    private final Configuration configuration;
    private final Path overrideDirectory;

    /**
     * @param overrideDirectory the user's template folder; a file there replaces the bundled one
     *     of the same relative path. May be {@code null} or missing.
     * @throws IOException when the user's template folder cannot be read
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
        cfg.setDefaultEncoding("UTF-8");
        cfg.setLocalizedLookup(false);
        // templates do not change while a build renders: no look at a template's time every 5 seconds
        cfg.setTemplateUpdateDelayMilliseconds(Long.MAX_VALUE);
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setWrapUncheckedExceptions(true);
        cfg.setFallbackOnNullLoopVariable(false);
        cfg.setNumberFormat("c");
        cfg.setBooleanFormat("c");
        // A template is the POM author's code and a build machine runs it: ?new() instantiates no
        // class (Execute would run commands, ObjectConstructor read any file), and ?api stays off
        // (FreeMarker's default; TemplateEngineTest holds a newer FreeMarker to it).
        cfg.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        cfg.setSharedVariable("sh", new ShellQuote());
        cfg.setSharedVariable("py", new PythonLiteral());
        cfg.setSharedVariable("comment", new CommentText());
        this.configuration = cfg;
        this.overrideDirectory = overrideDirectory;
    }

    /**
     * Renders one template into UTF-8 bytes; any failure is a {@link RenderException} naming the
     * template (the user's file by its path, a bundled one as the plugin's), its line and its column.
     *
     * @param templateName the template's path, relative to the template folders
     * @param dataModel the variables the template sees
     * @param out the buffer to render in, reused for each file of a guest; what it held is forgotten
     * @return the rendered file's bytes
     * @throws RenderException when the template is missing, does not parse, or fails
     */
    byte[] render(String templateName, Map<String, Object> dataModel, Utf8Output out) throws RenderException {
        try {
            Template template = configuration.getTemplate(templateName);
            out.reset();
            template.process(dataModel, out);
            return out.toByteArray();
        } catch (TemplateNotFoundException e) {
            throw new RenderException("template " + templateName + " not found"
                    + (overrideDirectory == null ? "" : " in " + overrideDirectory + " nor") + " among the plugin's templates", e);
        } catch (ParseException e) {
            throw new RenderException(where(e.getTemplateName(), templateName, e.getLineNumber(), e.getColumnNumber())
                    + ": " + e.getEditorMessage(), e);
        } catch (TemplateException e) {
            throw new RenderException(where(e.getTemplateSourceName(), templateName, e.getLineNumber(), e.getColumnNumber())
                    + ": " + description(e.getMessageWithoutStackTop()), e);
        } catch (IOException e) {
            throw new RenderException(origin(templateName) + " could not be read: " + e.getMessage(), e);
        } catch (SecurityException e) {
            // FreeMarker's file loader refuses a file whose real path leaves the template folder
            throw new RenderException(outsideFolder(templateName), e);
        }
    }

    /** The message for a user's template that a symbolic link leads out of the template folder. */
    private String outsideFolder(String template) {
        Path file = overrideDirectory.resolve(template);
        String target;
        try {
            target = file.toRealPath().toString();
        } catch (IOException e) {
            target = "a file that cannot be read";
        }
        return "your template " + file + " leads through a symbolic link to " + target + ", outside " + overrideDirectory
                + ": the plugin reads templates only inside the template folder; copy the file there instead";
    }

    /** @param template where FreeMarker saw the error, {@code null} when it could not tell; then the one rendered */
    private String where(String template, String rendered, Integer line, Integer column) {
        return origin(template == null ? rendered : template) + ", line " + line + ", column " + column;
    }

    /**
     * Which file the user must open: the override folder wins whenever it has the file, exactly as
     * the template loader decides.
     */
    private String origin(String template) {
        if (overrideDirectory != null) {
            Path file = overrideDirectory.resolve(template);
            if (Files.isRegularFile(file)) {
                return "your template " + file;
            }
        }
        return "the plugin's template " + template;
    }

    /**
     * FreeMarker's explanation without its tips and template stack, on one line. Its first lines
     * name the failing expression ("==> guest.mountPoints"), which the user needs; the location
     * suffix is dropped because {@link #where} already gives it.
     */
    private static String description(String message) {
        List<String> lines = new ArrayList<>();
        for (String line : message.strip().split("\n")) {
            if (line.isBlank() || line.startsWith("----")) {
                break;
            }
            lines.add(line.replaceFirst("\\s*\\[in template .*\\]$", "").strip());
        }
        return String.join(" ", lines);
    }
}
