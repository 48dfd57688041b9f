package io.github.xenpv.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PythonLiteralTest {

    @Test
    void integersStayBare() {
        assertEquals("512", PythonLiteral.literal(512));
    }

    @Test
    void listsOfStrings() {
        assertEquals("[ \"a\", \"b\" ]", PythonLiteral.literal(List.of("a", "b")));
        assertEquals("[ ]", PythonLiteral.literal(List.of()));
    }

    @Test
    void printableAsciiStaysAsWrittenControlCharactersAreEscaped() {
        // space and ~ are the edges of what a config reader sees as written; 0x1f and DEL are not
        assertEquals("\" ~\"", PythonLiteral.literal(" ~"));
        assertEquals("\"\\x1f\\x7f\\x00\"", PythonLiteral.literal("\u001f\u007f\u0000"));
    }

    @Test
    void stringsReadBackExactlyInPython() throws Exception {
        String hostile = "a\"b\\c\n'd\u0007";
        Process python = new ProcessBuilder("python3", "-c",
                "import sys; sys.stdout.write(" + PythonLiteral.literal(hostile) + ")").start();
        String read = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, python.waitFor());
        assertEquals(hostile, read);
    }
}
