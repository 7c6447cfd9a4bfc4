package dev.drover.exec;

import dev.drover.UserError;
import dev.drover.playbook.VarsPrompt;
import dev.drover.template.TemplateScope;
import dev.drover.template.Templar;
import java.io.Console;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks a play's {@code vars_prompt} questions on the terminal as the play starts, as
 * ansible-playbook does: a variable given with {@code -e} is not asked for; an empty answer
 * takes the default. Without a terminal the default is used, and a question without one
 * stops the run, saying to give it with {@code -e}.
 */
final class PlayPrompts {

    private PlayPrompts() {
    }

    static Map<String, Object> answers(List<VarsPrompt> prompts, Map<String, Object> extraVars, Templar templar, Console console) {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (VarsPrompt prompt : prompts) {
            if (extraVars.containsKey(prompt.name())) {
                continue;
            }
            Object fallback = prompt.defaultValue() == null ? null : templar.render(prompt.defaultValue(), TemplateScope.of(extraVars));
            if (console == null) {
                if (fallback == null) {
                    throw new UserError("vars_prompt '" + prompt.name() + "' needs an answer, and there is no terminal to ask on",
                            prompt.location(), "give it with -e " + prompt.name() + "=VALUE");
                }
                answers.put(prompt.name(), fallback);
                continue;
            }
            String answer = ask(console, prompt, fallback);
            answers.put(prompt.name(), answer.isEmpty() && fallback != null ? fallback : answer);
        }
        return answers;
    }

    private static String ask(Console console, VarsPrompt prompt, Object fallback) {
        String question = prompt.prompt() + (fallback == null ? "" : " [" + fallback + "]") + ": ";
        while (true) {
            String first = read(console, prompt, question);
            if (!prompt.confirm() || first.equals(read(console, prompt, "confirm " + question))) {
                return first;
            }
            console.printf("***** VALUES ENTERED DO NOT MATCH ****%n");
        }
    }

    private static String read(Console console, VarsPrompt prompt, String question) {
        if (prompt.isPrivate()) {
            char[] typed = console.readPassword("%s", question);
            return typed == null ? "" : new String(typed);
        }
        String line = console.readLine("%s", question);
        return line == null ? "" : line;
    }
}
