package io.github.xenpv.mojo;

/** The user properties the goals read, in one place so the docs and the code agree. */
final class PropertyNames {

    static final String SKIP = "xenpv.skip";
    static final String GUEST = "xenpv.guest";
    static final String OUTPUT_DIRECTORY = "xenpv.outputDirectory";
    static final String TEMPLATES_DIRECTORY = "xenpv.templatesDirectory";
    static final String FORMATS = "xenpv.formats";
    static final String ATTACH = "xenpv.attach";
    static final String ALLOW_OUTSIDE_TARGET = "xenpv.allowOutsideTarget";

    private PropertyNames() {
    }
}
