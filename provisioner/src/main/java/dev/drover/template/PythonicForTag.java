package dev.drover.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.JinjavaInterpreter.InterpreterScopeClosable;
import com.hubspot.jinjava.lib.tag.ElseTag;
import com.hubspot.jinjava.lib.tag.ForTag;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.tree.parse.TagToken;
import com.hubspot.jinjava.util.ForLoop;
import com.hubspot.jinjava.util.LengthLimitingStringBuilder;
import com.hubspot.jinjava.util.ObjectIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Jinja2's {@code for} on Jinjava's, with the two parts Jinjava lacks:
 * <ul>
 *   <li>a filter, {@code {% for u in users if u.active | default(true) %}}: Jinjava takes
 *       {@code users if ...} for one conditional expression and evaluates the condition once,
 *       without {@code u}. Here the items are filtered first, each with the loop variables bound,
 *       so {@code loop.index} and {@code loop.length} count only the items kept, as in Jinja2;</li>
 *   <li>{@code {% else %}}, rendered when nothing was iterated. Jinjava has no such branch and
 *       renders what follows {@code else} as part of the body on every iteration.</li>
 * </ul>
 * A loop with neither is Jinjava's own.
 */
final class PythonicForTag extends ForTag {

    private static final long serialVersionUID = 1L;

    @Override
    public String interpretUnchecked(TagNode tagNode, JinjavaInterpreter interpreter) {
        int elseAt = elseIndex(tagNode);
        var varsAndExpression = getLoopVarsAndExpression((TagToken) tagNode.getMaster());
        String expression = varsAndExpression.getRight();
        int ifAt = filterStart(expression);
        if (ifAt < 0 && elseAt < 0) {
            return super.interpretUnchecked(tagNode, interpreter);
        }
        List<String> loopVars = varsAndExpression.getLeft();
        String iterable = ifAt < 0 ? expression : expression.substring(0, ifAt).strip();
        Object collection = interpreter.resolveELExpression(iterable, tagNode.getLineNumber());
        List<Object> items = items(collection);
        if (ifAt >= 0) {
            items = kept(items, loopVars, expression.substring(ifAt + 2).strip(), tagNode, interpreter);
        }
        if (elseAt < 0) {
            return renderForCollection(tagNode, interpreter, loopVars, items);
        }
        List<Node> children = tagNode.getChildren();
        if (items.isEmpty()) {
            LengthLimitingStringBuilder out = new LengthLimitingStringBuilder(interpreter.getConfig().getMaxOutputSize());
            for (Node node : children.subList(elseAt + 1, children.size())) {
                out.append(node.render(interpreter));
            }
            return out.toString();
        }
        TagNode body = new TagNode(this, (TagToken) tagNode.getMaster(), tagNode.getSymbols());
        body.setParent(tagNode.getParent());
        body.getChildren().addAll(children.subList(0, elseAt));
        return renderForCollection(body, interpreter, loopVars, items);
    }

    /** Where the loop's own {@code else} is among its children, or -1. */
    private static int elseIndex(TagNode tagNode) {
        int i = 0;
        for (Node child : tagNode.getChildren()) {
            if (child instanceof TagNode tag && tag.getTag() instanceof ElseTag) {
                return i;
            }
            i++;
        }
        return -1;
    }

    /**
     * Where the filter's {@code if} starts in {@code xs if cond}, or -1. Jinja2 parses the
     * iterable without conditional expressions, so the first {@code if} outside brackets and
     * quotes is always the filter.
     */
    static int filterStart(String expression) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (depth == 0 && expression.startsWith("if", i) && !isNamePart(expression, i - 1)
                    && !isNamePart(expression, i + 2)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isNamePart(String text, int at) {
        if (at < 0 || at >= text.length()) {
            return false;
        }
        char c = text.charAt(at);
        return c == '_' || c == '.' || Character.isLetterOrDigit(c);
    }

    /** The items Jinjava's loop would visit, in order. */
    private static List<Object> items(Object collection) {
        List<Object> items = new ArrayList<>();
        ForLoop loop = ObjectIterator.getLoop(collection);
        while (loop.hasNext()) {
            items.add(loop.next());
        }
        return items;
    }

    /** The items for which {@code test} is true, evaluated with the loop variables bound. */
    private static List<Object> kept(List<Object> items, List<String> loopVars, String test, TagNode tagNode,
            JinjavaInterpreter interpreter) {
        List<Object> kept = new ArrayList<>();
        try (InterpreterScopeClosable scope = interpreter.enterScope()) {
            for (Object item : items) {
                bind(loopVars, interpreter.wrap(item), interpreter);
                if (Truthiness.of(interpreter.resolveELExpression(test, tagNode.getLineNumber()))) {
                    kept.add(item);
                }
            }
        }
        return kept;
    }

    /** Binds the loop variables as Jinjava's loop does: one name, or unpacked from a pair or a list. */
    private static void bind(List<String> loopVars, Object value, JinjavaInterpreter interpreter) {
        var context = interpreter.getContext();
        if (loopVars.size() == 1) {
            context.put(loopVars.get(0), value);
            return;
        }
        for (int i = 0; i < loopVars.size(); i++) {
            Object part = null;
            if (value instanceof Map.Entry<?, ?> entry) {
                part = i == 0 ? entry.getKey() : i == 1 ? entry.getValue() : null;
            } else if (value instanceof List<?> list) {
                part = i < list.size() ? list.get(i) : null;
            }
            context.put(loopVars.get(i), part);
        }
    }
}
