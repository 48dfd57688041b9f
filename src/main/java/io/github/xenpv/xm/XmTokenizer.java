package io.github.xenpv.xm;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits an xm domain config into Python 2's tokens and logical lines, as Python's own tokenizer
 * does: strings in both quote styles, triple quotes, prefixes and escapes (decoded); integers
 * (evaluated); names; operators; comments; backslash and bracket line continuations. It knows
 * nothing of statements: {@link DomainConfigReader} makes those of the lines.
 */
final class XmTokenizer {

    private static final List<String> OPERATORS = List.of("**=", "//=", ">>=", "<<=", "**", "//", ">>", "<<", "<=",
            ">=", "==", "!=", "<>", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "->", "+", "-", "*", "/", "%", "&",
            "|", "^", "~", "<", ">", "(", ")", "[", "]", "{", "}", ",", ":", ".", ";", "@", "=", "`");
    private static final Pattern NUMBERISH = Pattern.compile(
            "0[xXoObB][0-9a-zA-Z]*|(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?[jJlL]?");
    private static final Pattern INTEGER = Pattern.compile(
            "(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)[lL]?");
    private static final Pattern STRING_PREFIX = Pattern.compile("[uUbB]?[rR]?");

    /** What a token is. */
    enum Kind { NAME, NUMBER, STRING, OP }

    /**
     * One token. {@code value} is the decoded string of a STRING and the integer of an integral
     * NUMBER (null for a float); {@code start}/{@code end} index the source text.
     */
    record Token(Kind kind, String text, Object value, int line, int start, int end) {

        boolean is(String op) {
            return kind == Kind.OP && text.equals(op);
        }
    }

    /** A logical line: its tokens, and whether it starts indented. */
    record LogicalLine(List<Token> tokens, boolean indented) {

        Token first() {
            return tokens.get(0);
        }

        Token last() {
            return tokens.get(tokens.size() - 1);
        }
    }

    private final String text;
    private int position;
    private int line = 1;
    private final List<Token> tokens = new ArrayList<>();

    private XmTokenizer(String text) {
        this.text = text;
    }

    /**
     * Reads a config's text into logical lines.
     *
     * @param text the file's content
     * @return its logical lines, in order, none empty
     * @throws XmSyntaxError when Python itself could not tokenize the file
     */
    static List<LogicalLine> logicalLines(String text) throws XmSyntaxError {
        return new XmTokenizer(text).logicalLines();
    }

    private List<LogicalLine> logicalLines() throws XmSyntaxError {
        List<LogicalLine> lines = new ArrayList<>();
        List<Character> brackets = new ArrayList<>();
        int bracketLine = 0;
        boolean atLineStart = true;
        boolean indented = false;
        while (position < text.length()) {
            char c = text.charAt(position);
            if (atLineStart) {
                int indent = 0;
                while (position < text.length() && " \t\f".indexOf(text.charAt(position)) >= 0) {
                    position++;
                    indent++;
                }
                if (position >= text.length()) {
                    break;
                }
                c = text.charAt(position);
                if (c == '#' || c == '\n' || c == '\r') {
                    skipToLineEnd();
                    continue;
                }
                indented = indent > 0;
                atLineStart = false;
            }
            if (c == '\n') {
                position++;
                line++;
                if (brackets.isEmpty()) {
                    if (!tokens.isEmpty()) {
                        lines.add(new LogicalLine(List.copyOf(tokens), indented));
                        tokens.clear();
                    }
                    atLineStart = true;
                }
            } else if (c == ' ' || c == '\t' || c == '\f' || c == '\r') {
                position++;
            } else if (c == '#') {
                skipComment();
            } else if (c == '\\') {
                int next = position + 1;
                if (next < text.length() && text.charAt(next) == '\r') {
                    next++;
                }
                if (next >= text.length() || text.charAt(next) != '\n') {
                    throw new XmSyntaxError(line, "unexpected character after line continuation character");
                }
                position = next + 1;
                line++;
            } else if (digit(c) || c == '.' && position + 1 < text.length() && digit(text.charAt(position + 1))) {
                number();
            } else if (c == '"' || c == '\'') {
                string(position, "");
            } else if (nameStart(c)) {
                name();
            } else {
                String op = operator();
                if (op.equals("(") || op.equals("[") || op.equals("{")) {
                    if (brackets.isEmpty()) {
                        bracketLine = line;
                    }
                    brackets.add(op.charAt(0));
                } else if (op.equals(")") || op.equals("]") || op.equals("}")) {
                    char open = op.equals(")") ? '(' : op.equals("]") ? '[' : '{';
                    if (brackets.isEmpty() || brackets.get(brackets.size() - 1) != open) {
                        throw new XmSyntaxError(line, "'" + op + "' closes no open bracket");
                    }
                    brackets.remove(brackets.size() - 1);
                }
            }
        }
        if (!brackets.isEmpty()) {
            throw new XmSyntaxError(bracketLine, "'" + brackets.get(0) + "' is never closed");
        }
        if (!tokens.isEmpty()) {
            lines.add(new LogicalLine(List.copyOf(tokens), indented));
        }
        return lines;
    }

    /** Python 2 names are ASCII. */
    private static boolean nameStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private void skipToLineEnd() {
        skipComment();
        if (position < text.length()) {
            position++;
            line++;
        }
    }

    private void skipComment() {
        while (position < text.length() && text.charAt(position) != '\n') {
            position++;
        }
    }

    private void name() throws XmSyntaxError {
        int start = position;
        while (position < text.length() && (nameStart(text.charAt(position)) || digit(text.charAt(position)))) {
            position++;
        }
        String word = text.substring(start, position);
        if (position < text.length() && (text.charAt(position) == '"' || text.charAt(position) == '\'')
                && STRING_PREFIX.matcher(word).matches()) {
            string(start, word);
            return;
        }
        tokens.add(new Token(Kind.NAME, word, null, line, start, position));
    }

    private void number() throws XmSyntaxError {
        Matcher matcher = NUMBERISH.matcher(text).region(position, text.length());
        matcher.lookingAt();
        String literal = matcher.group();
        int start = position;
        position = matcher.end();
        if (position < text.length() && (nameStart(text.charAt(position)) || digit(text.charAt(position)))) {
            throw new XmSyntaxError(line, "'" + literal + text.charAt(position) + "' is not a number");
        }
        Object value = null;
        if (INTEGER.matcher(literal).matches()) {
            value = integer(literal);
        } else if (literal.matches("0[0-9]+[lL]?") || literal.matches("0[xXoObB].*")) {
            throw new XmSyntaxError(line, "'" + literal + "' is not a number (a leading 0 means octal in Python 2)");
        }
        tokens.add(new Token(Kind.NUMBER, literal, value, line, start, position));
    }

    private static BigInteger integer(String literal) {
        String digits = literal.replaceFirst("[lL]$", "");
        if (digits.length() > 1 && digits.charAt(0) == '0') {
            char base = Character.toLowerCase(digits.charAt(1));
            return switch (base) {
                case 'x' -> new BigInteger(digits.substring(2), 16);
                case 'o' -> new BigInteger(digits.substring(2), 8);
                case 'b' -> new BigInteger(digits.substring(2), 2);
                default -> new BigInteger(digits.substring(1), 8);
            };
        }
        return new BigInteger(digits);
    }

    private String operator() throws XmSyntaxError {
        for (String op : OPERATORS) {
            if (text.startsWith(op, position)) {
                tokens.add(new Token(Kind.OP, op, null, line, position, position + op.length()));
                position += op.length();
                return op;
            }
        }
        char c = text.charAt(position);
        throw new XmSyntaxError(line, String.format("invalid character '%s' (U+%04X)", c, (int) c));
    }

    /** A string literal starting at {@code start}, its quote at {@code position}. */
    private void string(int start, String prefix) throws XmSyntaxError {
        int firstLine = line;
        boolean raw = prefix.toLowerCase().contains("r");
        boolean unicode = prefix.toLowerCase().contains("u");
        char quote = text.charAt(position);
        boolean triple = text.startsWith(String.valueOf(quote).repeat(3), position);
        position += triple ? 3 : 1;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (position >= text.length()) {
                throw new XmSyntaxError(firstLine, "the string is never closed");
            }
            char c = text.charAt(position);
            if (c == quote && (!triple || text.startsWith(String.valueOf(quote).repeat(3), position))) {
                position += triple ? 3 : 1;
                break;
            }
            if (c == '\n') {
                if (!triple) {
                    throw new XmSyntaxError(firstLine, "the string ends at the end of the line without its closing quote");
                }
                line++;
                value.append(c);
                position++;
            } else if (c == '\\') {
                escape(value, raw, unicode);
            } else {
                value.append(c);
                position++;
            }
        }
        tokens.add(new Token(Kind.STRING, text.substring(start, position), value.toString(), firstLine, start, position));
    }

    /** One backslash escape at {@code position}, as Python 2 reads it. */
    private void escape(StringBuilder value, boolean raw, boolean unicode) throws XmSyntaxError {
        if (position + 1 >= text.length()) {
            throw new XmSyntaxError(line, "the string is never closed");
        }
        char next = text.charAt(position + 1);
        if (raw) {
            // a raw string keeps the backslash; it only stops the next character from ending the string
            value.append('\\').append(next);
            if (next == '\n') {
                line++;
            }
            position += 2;
            return;
        }
        position += 2;
        switch (next) {
            case '\n' -> line++;
            case '\\', '\'', '"' -> value.append(next);
            case 'a' -> value.append('\u0007');
            case 'b' -> value.append('\b');
            case 'f' -> value.append('\f');
            case 'n' -> value.append('\n');
            case 'r' -> value.append('\r');
            case 't' -> value.append('\t');
            case 'v' -> value.append('\u000b');
            case 'x' -> value.append((char) hex(2, "\\x"));
            case 'u', 'U' -> {
                if (unicode) {
                    value.appendCodePoint(hex(next == 'u' ? 4 : 8, "\\" + next));
                } else {
                    value.append('\\').append(next);
                }
            }
            default -> {
                if (next >= '0' && next <= '7') {
                    int code = next - '0';
                    for (int i = 0; i < 2 && position < text.length() && text.charAt(position) >= '0'
                            && text.charAt(position) <= '7'; i++) {
                        code = code * 8 + text.charAt(position++) - '0';
                    }
                    // a byte string holds bytes: Python 2 keeps the low 8 bits of "\777"
                    value.append((char) (unicode ? code : code & 0xff));
                } else {
                    // Python keeps an unknown escape as it is written
                    value.append('\\').append(next);
                }
            }
        }
    }

    private int hex(int digits, String escape) throws XmSyntaxError {
        if (position + digits > text.length() || !text.substring(position, position + digits).matches("[0-9a-fA-F]+")) {
            throw new XmSyntaxError(line, "invalid " + escape + " escape: it takes " + digits + " hex digits");
        }
        int code = Integer.parseInt(text.substring(position, position + digits), 16);
        position += digits;
        if (code > Character.MAX_CODE_POINT) {
            throw new XmSyntaxError(line, "invalid " + escape + " escape: no such character");
        }
        return code;
    }
}
