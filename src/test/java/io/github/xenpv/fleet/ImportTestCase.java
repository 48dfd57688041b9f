package io.github.xenpv.fleet;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A scratch folder for a test of the import, and the fixture that fills it, fresh for every test. */
abstract class ImportTestCase {

    @TempDir
    Path folder;

    ImportFixture fixture;

    @BeforeEach
    void newFixture() {
        fixture = new ImportFixture(folder);
    }
}
