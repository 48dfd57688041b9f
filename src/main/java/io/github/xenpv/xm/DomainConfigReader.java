package io.github.xenpv.xm;

import io.github.xenpv.xm.XmTokenizer.Kind;
import io.github.xenpv.xm.XmTokenizer.LogicalLine;
import io.github.xenpv.xm.XmTokenizer.Token;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads an xm domain config without running it. xm runs the file as Python 2
 * ({@code execfile} in Xen's {@code tools/python/xen/xm/opts.py}) and takes the top-level names it
 * defines; {@code XmTokenizer} splits the file into tokens and logical lines as Python does, and
 * this parser makes statements of them (semicolons, compound statements and their indented
 * blocks) and evaluates only literals: strings (adjacent ones joined),
 * integers with an optional sign, lists and tuples of literals, {@code True}, {@code False} and
 * {@code None}. Any other value is kept as its source text ({@link XmValue.Code}); any other
 * statement is listed, never run.
 */
public final class DomainConfigReader {

    private static final Set<String> COMPOUND = Set.of("if", "elif", "else", "for", "while", "def", "class", "try",
            "except", "finally", "with");
    private static final Set<String> STATEMENT_KEYWORDS = Set.of("import", "from", "print", "pass", "del", "global",
            "exec", "assert", "raise", "return", "yield", "break", "continue", "lambda", "not", "and", "or", "in", "is");
    private static final Set<String> AUGMENTED = Set.of("+=", "-=", "*=", "/=", "//=", "%=", "**=", ">>=", "<<=",
            "&=", "|=", "^=");

    private final String text;

    private DomainConfigReader(String text) {
        this.text = text;
    }

    /**
     * Reads a config's text.
     *
     * @param text the file's content
     * @return its assignments and other statements
     * @throws XmSyntaxError when Python itself could not parse the file
     */
    public static DomainConfig read(String text) throws XmSyntaxError {
        return new DomainConfigReader(text).statements(XmTokenizer.logicalLines(text));
    }

    private DomainConfig statements(List<LogicalLine> lines) throws XmSyntaxError {
        List<DomainConfig.Assignment> assignments = new ArrayList<>();
        List<DomainConfig.Statement> statements = new ArrayList<>();
        boolean blockExpected = false;
        boolean inBlock = false;
        for (LogicalLine logical : lines) {
            if (logical.indented()) {
                if (!blockExpected && !inBlock) {
                    throw new XmSyntaxError(logical.first().line(), "unexpected indent");
                }
                blockExpected = false;
                inBlock = true;
                continue;
            }
            if (blockExpected) {
                throw new XmSyntaxError(logical.first().line(), "expected an indented block");
            }
            inBlock = false;
            Token first = logical.first();
            if (first.kind() == Kind.NAME && COMPOUND.contains(first.text())) {
                statements.add(new DomainConfig.Statement(DomainConfig.Statement.Kind.CODE, first.text(),
                        sourceLine(first), first.line()));
                blockExpected = logical.last().is(":");
                continue;
            }
            for (List<Token> simple : split(logical.tokens(), ";")) {
                if (!simple.isEmpty()) {
                    statement(simple, assignments, statements);
                }
            }
        }
        if (blockExpected) {
            throw new XmSyntaxError(lines.get(lines.size() - 1).first().line(), "expected an indented block");
        }
        return new DomainConfig(assignments, statements);
    }

    private void statement(List<Token> simple, List<DomainConfig.Assignment> assignments,
            List<DomainConfig.Statement> statements) throws XmSyntaxError {
        Token first = simple.get(0);
        List<List<Token>> parts = split(simple, "=");
        boolean plainTargets = parts.size() > 1 && parts.subList(0, parts.size() - 1).stream()
                .allMatch(target -> target.size() == 1 && target.get(0).kind() == Kind.NAME
                        && !STATEMENT_KEYWORDS.contains(target.get(0).text()) && !COMPOUND.contains(target.get(0).text()));
        if (plainTargets && parts.get(parts.size() - 1).isEmpty()) {
            throw new XmSyntaxError(first.line(), "'" + first.text() + " =' is not followed by a value");
        }
        if (plainTargets) {
            XmValue value = value(parts.get(parts.size() - 1));
            for (List<Token> target : parts.subList(0, parts.size() - 1)) {
                assignments.add(new DomainConfig.Assignment(target.get(0).text(), value, target.get(0).line()));
            }
        } else if (simple.size() > 1 && first.kind() == Kind.NAME && simple.get(1).kind() == Kind.OP
                && AUGMENTED.contains(simple.get(1).text())) {
            // "disk += [...]": the key is known, its value is computed
            assignments.add(new DomainConfig.Assignment(first.text(), new XmValue.Code(source(simple), first.line()),
                    first.line()));
        } else {
            statements.add(new DomainConfig.Statement(kind(simple), first.text(), source(simple), first.line()));
        }
    }

    /** An import binds module names only; a literal alone on its line has no effect; anything else is code. */
    private DomainConfig.Statement.Kind kind(List<Token> simple) {
        String word = simple.get(0).text();
        if (simple.get(0).kind() == Kind.NAME && (word.equals("import") || word.equals("from"))) {
            return DomainConfig.Statement.Kind.IMPORT;
        }
        Parse parse = new Parse(simple);
        return parse.literal() != null && parse.at == simple.size() ? DomainConfig.Statement.Kind.NO_EFFECT
                : DomainConfig.Statement.Kind.CODE;
    }

    /** The tokens between top-level (depth 0) occurrences of {@code separator}. */
    private static List<List<Token>> split(List<Token> tokens, String separator) {
        List<List<Token>> parts = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        int depth = 0;
        for (Token token : tokens) {
            if (token.is("(") || token.is("[") || token.is("{")) {
                depth++;
            } else if (token.is(")") || token.is("]") || token.is("}")) {
                depth--;
            }
            if (depth == 0 && token.is(separator)) {
                parts.add(current);
                current = new ArrayList<>();
            } else {
                current.add(token);
            }
        }
        parts.add(current);
        return parts;
    }

    private XmValue value(List<Token> expression) {
        Parse parse = new Parse(expression);
        XmValue literal = parse.literal();
        if (literal != null && parse.at == expression.size()) {
            return literal;
        }
        return new XmValue.Code(source(expression), expression.get(0).line());
    }

    /** The source text of these tokens, white space and comments between them shown as one space. */
    private String source(List<Token> expression) {
        StringBuilder source = new StringBuilder();
        for (int i = 0; i < expression.size(); i++) {
            Token token = expression.get(i);
            if (i > 0 && token.start() > expression.get(i - 1).end()) {
                source.append(' ');
            }
            source.append(token.text());
        }
        return source.toString();
    }

    /** The physical line a token is on, stripped: how a compound statement is shown. */
    private String sourceLine(Token token) {
        int start = text.lastIndexOf('\n', token.start()) + 1;
        int end = text.indexOf('\n', token.start());
        return text.substring(start, end < 0 ? text.length() : end).strip();
    }

    /** A literal at {@code at}, or null when the tokens there are not one. */
    private static final class Parse {
        private final List<Token> tokens;
        private int at;

        Parse(List<Token> tokens) {
            this.tokens = tokens;
        }

        private Token peek() {
            return at < tokens.size() ? tokens.get(at) : null;
        }

        XmValue literal() {
            Token token = peek();
            if (token == null) {
                return null;
            }
            switch (token.kind()) {
                case STRING -> {
                    StringBuilder joined = new StringBuilder();
                    while (peek() != null && peek().kind() == Kind.STRING) {
                        joined.append((String) tokens.get(at++).value());
                    }
                    return new XmValue.Text(joined.toString(), token.line());
                }
                case NUMBER -> {
                    at++;
                    return token.value() == null ? null : new XmValue.Number((BigInteger) token.value(), token.line());
                }
                case NAME -> {
                    if (token.text().equals("True") || token.text().equals("False") || token.text().equals("None")) {
                        at++;
                        return new XmValue.Constant(token.text(), token.line());
                    }
                    return null;
                }
                default -> {
                    return operatorLiteral(token);
                }
            }
        }

        private XmValue operatorLiteral(Token token) {
            if (token.is("-") || token.is("+")) {
                at++;
                Token number = peek();
                if (number == null || number.kind() != Kind.NUMBER || number.value() == null) {
                    return null;
                }
                at++;
                BigInteger value = (BigInteger) number.value();
                return new XmValue.Number(token.is("-") ? value.negate() : value, token.line());
            }
            if (token.is("[")) {
                at++;
                List<XmValue> items = items("]");
                return items == null ? null : new XmValue.Items(items, token.line());
            }
            if (token.is("(")) {
                at++;
                if (peek() != null && peek().is(")")) {
                    at++;
                    return new XmValue.Items(List.of(), token.line());
                }
                XmValue inner = literal();
                if (inner == null || peek() == null) {
                    return null;
                }
                if (peek().is(")")) {
                    at++;
                    return inner;
                }
                if (!peek().is(",")) {
                    return null;
                }
                at++;
                List<XmValue> rest = items(")");
                if (rest == null) {
                    return null;
                }
                List<XmValue> items = new ArrayList<>(List.of(inner));
                items.addAll(rest);
                return new XmValue.Items(items, token.line());
            }
            return null;
        }

        /** Comma-separated literals up to {@code close}, a trailing comma allowed. */
        private List<XmValue> items(String close) {
            List<XmValue> items = new ArrayList<>();
            while (true) {
                if (peek() == null) {
                    return null;
                }
                if (peek().is(close)) {
                    at++;
                    return items;
                }
                XmValue item = literal();
                if (item == null || peek() == null) {
                    return null;
                }
                items.add(item);
                if (peek().is(",")) {
                    at++;
                } else if (!peek().is(close)) {
                    return null;
                }
            }
        }
    }
}
