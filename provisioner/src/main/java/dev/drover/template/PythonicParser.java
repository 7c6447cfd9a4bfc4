package dev.drover.template;

import com.hubspot.jinjava.el.ExtendedSyntaxBuilder;
import com.hubspot.jinjava.el.ext.CollectionMembershipOperator;
import com.hubspot.jinjava.el.ext.CollectionNonMembershipOperator;
import com.hubspot.jinjava.el.ext.ExtendedParser;
import com.hubspot.jinjava.el.ext.ExtendedScanner;
import com.hubspot.jinjava.el.ext.PowerOfOperator;
import com.hubspot.jinjava.el.ext.AstDict;
import com.hubspot.jinjava.objects.SafeString;
import com.hubspot.jinjava.objects.collections.SizeLimitingPyMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jinjava.de.odysseus.el.tree.Bindings;
import jinjava.javax.el.ELContext;
import jinjava.de.odysseus.el.tree.impl.Builder;
import jinjava.de.odysseus.el.tree.impl.Parser;
import jinjava.de.odysseus.el.tree.impl.Parser.ParseException;
import jinjava.de.odysseus.el.tree.impl.Scanner;
import jinjava.de.odysseus.el.tree.impl.Scanner.ScanException;
import jinjava.de.odysseus.el.tree.impl.Scanner.Symbol;
import jinjava.de.odysseus.el.tree.impl.Scanner.Token;
import jinjava.de.odysseus.el.tree.impl.ast.AstBinary;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.de.odysseus.el.tree.impl.ast.AstProperty;
import jinjava.de.odysseus.el.tree.impl.ast.AstUnary;

/**
 * Jinjava's expression parser, taught what Jinja2 does differently:
 * <ul>
 *   <li>a test after a filter chain, {@code x | default('') is match('a')}, which Jinjava
 *       otherwise rejects as a syntax error;</li>
 *   <li>{@code not} binds more loosely than comparisons, tests and filters:
 *       {@code not x == 'a'} is {@code not (x == 'a')} and {@code not x | default(false)} is
 *       {@code not (x | default(false))}, where Jinjava negates {@code x} alone;</li>
 *   <li>{@code xs.0} is {@code xs[0]} (Jinjava's scanner reads {@code .0} as a number);</li>
 *   <li>a string literal's escapes are Python's ({@link PythonStringEscapes}): {@code '\d'} and
 *       {@code '\.'} keep their backslash and {@code '\x41'} is {@code A}, where Jinjava knows
 *       only a few escapes and rejects the rest;</li>
 *   <li>{@code %}, {@code *} and {@code **} as Python computes them ({@link PythonArithmetic});</li>
 *   <li>{@code ==}, {@code !=}, {@code in} and {@code not in} as Python compares ({@link PythonEquality});</li>
 *   <li>a dict literal's keys keep their type: {@code {1: 'a'}} has the int key 1, where Jinjava
 *       turns every key into text (and rejects {@code {true: 'a'}}).</li>
 * </ul>
 */
final class PythonicParser extends ExtendedParser {

    private static final Set<Symbol> TEST_NAMES = Set.of(Symbol.IDENTIFIER, Symbol.EQ, Symbol.NE, Symbol.LT, Symbol.LE,
            Symbol.GT, Symbol.GE, Symbol.TRUE, Symbol.FALSE, CollectionMembershipOperator.TOKEN.getSymbol());

    PythonicParser(Builder context, String input) {
        super(context, input);
        putExtensionHandler(PowerOfOperator.TOKEN, PythonArithmetic.POWER_HANDLER);
        putExtensionHandler(CollectionMembershipOperator.TOKEN, PythonEquality.IN_HANDLER);
        putExtensionHandler(CollectionNonMembershipOperator.TOKEN, PythonEquality.NOT_IN_HANDLER);
    }

    @Override
    protected Scanner createScanner(String expression) {
        return new PythonicScanner(expression);
    }

    @Override
    protected AstBinary createAstBinary(AstNode left, AstNode right, AstBinary.Operator operator) {
        if (operator == AstBinary.MOD) {
            operator = PythonArithmetic.MOD;
        } else if (operator == AstBinary.MUL) {
            operator = PythonArithmetic.MUL;
        } else if (operator == AstBinary.EQ) {
            operator = PythonEquality.EQ;
        } else if (operator == AstBinary.NE) {
            operator = PythonEquality.NE;
        }
        return super.createAstBinary(left, right, operator);
    }

    @Override
    protected AstDict createAstDict(Map<AstNode, AstNode> dict) {
        return new DictLiteral(dict);
    }

    /** Jinja2's parse_not: {@code not} sits between {@code and} and the comparisons. */
    @Override
    protected AstNode eq(boolean required) throws ScanException, ParseException {
        if (getToken().getSymbol() == Symbol.NOT) {
            consumeToken();
            return createAstUnary(eq(true), AstUnary.NOT);
        }
        return super.eq(required);
    }

    @Override
    protected AstNode filter(boolean required) throws ScanException, ParseException {
        AstNode value = super.filter(required);
        while (value != null && "is".equals(getToken().getImage())) {
            boolean negated = "not".equals(lookahead(0).getImage());
            if (!TEST_NAMES.contains(lookahead(negated ? 1 : 0).getSymbol())) {
                break;
            }
            consumeToken();
            if (negated) {
                consumeToken();
            }
            String test = consumeToken().getImage();
            List<AstNode> params = new ArrayList<>(List.of(value, interpreter()));
            AstNode arg = value();
            if (arg != null) {
                params.add(arg);
            }
            AstProperty method = createAstDot(identifier(EXPTEST_PREFIX + test), negated ? "evaluateNegated" : "evaluate", true);
            value = createAstMethod(method, createAstParameters(params));
        }
        return value;
    }

    /**
     * Reads string literals and {@code xs.0} as Jinja2 does. A literal's escapes are Python's.
     * Jinja2 reads {@code xs.0} as the item at index 0: a dot right after a value and followed
     * by digits is an index, never the start of a float. This scanner hands the parser
     * {@code [0]} for it (the closing bracket takes no room in the input).
     */
    private static final class PythonicScanner extends ExtendedScanner {
        private static final Set<Symbol> VALUE_ENDS = Set.of(Symbol.IDENTIFIER, Symbol.STRING, Symbol.RBRACK, Symbol.RPAREN);

        /** What comes next of an index being handed out: nothing, its digits, or its bracket. */
        private enum Next { NOTHING, DIGITS, CLOSE }

        private Next next = Next.NOTHING;

        PythonicScanner(String input) {
            super(input);
        }

        @Override
        protected Token nextString() throws ScanException {
            String input = getInput();
            int start = getPosition();
            char quote = input.charAt(start);
            StringBuilder text = new StringBuilder();
            int at = start + 1;
            while (at < input.length()) {
                char c = input.charAt(at);
                if (c == quote) {
                    return token(Symbol.STRING, text.toString(), at + 1 - start);
                }
                if (c == '\\' && at + 1 < input.length()) {
                    try {
                        at = PythonStringEscapes.decode(input, at, text);
                    } catch (PythonStringEscapes.BadEscape bad) {
                        throw new ScanException(bad.position, "an escape Python cannot decode (" + bad.getMessage() + ")",
                                "\\\\ for a backslash");
                    }
                } else {
                    text.append(c); // line breaks were made the template's newline sequence before (TemplateSource)
                    at++;
                }
            }
            throw new ScanException(start, "unterminated string", String.valueOf(quote));
        }

        @Override
        protected Token nextToken() throws ScanException {
            String input = getInput();
            int at = getPosition();
            switch (next) {
                case DIGITS -> {
                    int end = at;
                    while (end < input.length() && Character.isDigit(input.charAt(end))) {
                        end++;
                    }
                    next = Next.CLOSE;
                    return token(Symbol.INTEGER, input.substring(at, end), end - at);
                }
                case CLOSE -> {
                    next = Next.NOTHING;
                    return token(Symbol.RBRACK, "]", 0);
                }
                default -> {
                    if (isEval() && input.charAt(at) == '.' && at + 1 < input.length() && Character.isDigit(input.charAt(at + 1))
                            && getToken() != null && VALUE_ENDS.contains(getToken().getSymbol())) {
                        next = Next.DIGITS;
                        return token(Symbol.LBRACK, "[", 1);
                    }
                    return super.nextToken();
                }
            }
        }
    }

    /** {@code {k: v, ...}} as Python builds it: keys evaluated to their own values, equal keys merged. */
    private static final class DictLiteral extends AstDict {
        DictLiteral(Map<AstNode, AstNode> dict) {
            super(dict);
        }

        @Override
        public Object eval(Bindings bindings, ELContext context) {
            Map<Object, Object> resolved = new LinkedHashMap<>();
            for (Map.Entry<AstNode, AstNode> entry : dict.entrySet()) {
                Object key = entry.getKey().eval(bindings, context);
                if (key instanceof SafeString text) {
                    key = text.toString();
                }
                if (key instanceof Undefined undefined) {
                    throw undefined.failure();
                }
                if (key instanceof Map || key instanceof List && !Tuples.isTuple(key)) {
                    throw new RenderFailure("unhashable type: '" + PythonRepr.typeName(key) + "'");
                }
                Object same = PythonEquality.findKey(resolved, key);
                resolved.put(same == PythonEquality.NO_KEY ? key : same, entry.getValue().eval(bindings, context));
            }
            @SuppressWarnings({"unchecked", "rawtypes"})
            Map<String, Object> asJinjava = (Map) resolved;
            return new SizeLimitingPyMap(asJinjava, Integer.MAX_VALUE);
        }
    }

    /** Builds expression trees with {@link PythonicParser}. */
    static final class SyntaxBuilder extends ExtendedSyntaxBuilder {
        private static final long serialVersionUID = 1L;

        SyntaxBuilder() {
            super(Feature.METHOD_INVOCATIONS, Feature.VARARGS);
        }

        @Override
        protected Parser createParser(String expression) {
            return new PythonicParser(this, expression);
        }
    }
}
