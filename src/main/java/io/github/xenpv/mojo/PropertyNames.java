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
    static final String ALLOW_PARTIAL_RELEASE = "xenpv.allowPartialRelease";
    static final String IMPORT_CONFIGS = "xenpv.import.configs";
    static final String IMPORT_ROOT = "xenpv.import.root";
    static final String IMPORT_ARCH = "xenpv.import.arch";
    static final String IMPORT_KERNEL = "xenpv.import.kernel";
    static final String IMPORT_KERNEL_VARIANT = "xenpv.import.kernelVariant";
    static final String IMPORT_DRIVER_RELEASE = "xenpv.import.driverRelease";
    static final String IMPORT_DRIVER_KERNEL = "xenpv.import.driverKernel";
    static final String IMPORT_OUTPUT = "xenpv.import.output";
    static final String IMPORT_OVERWRITE = "xenpv.import.overwrite";

    private PropertyNames() {
    }
}
