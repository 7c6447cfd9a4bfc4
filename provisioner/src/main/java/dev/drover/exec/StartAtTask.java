package dev.drover.exec;

import dev.drover.playbook.Task;
import java.util.regex.Pattern;

/**
 * {@code --start-at-task NAME}: tasks are passed over until the first one whose name
 * matches, from then on everything runs, in this play and the following ones. The name is
 * compared as written and role-qualified ("role : name"), exactly or as a shell-style
 * pattern, as ansible-playbook does. Handlers and fact gathering are not affected; a play
 * before the match gathers no facts, since it runs no task.
 */
final class StartAtTask {

    private final String wanted;
    private final Pattern pattern;
    private volatile boolean started;


    StartAtTask(String wanted) {
        this.wanted = wanted;
        this.pattern = wanted == null ? null : glob(wanted);
        this.started = wanted == null;
    }

    /** Whether the start task has been found (always, without --start-at-task). */
    boolean started() {
        return started;
    }

    /** The play holding the start task begins; every later task and play runs. */
    void markStarted() {
        started = true;
    }

    /** Whether the option was given and no task matched: ansible-playbook then reports an error. */
    boolean neverMatched() {
        return !started;
    }

    String wanted() {
        return wanted;
    }

    boolean matches(Task task) {
        String name = task.name();
        String qualified = task.displayName();
        return wanted.equals(name) || wanted.equals(qualified)
                || name != null && pattern.matcher(name).matches() || pattern.matcher(qualified).matches();
    }

    /** Python's fnmatch: * any text, ? one character, [seq] a class, [!seq] its complement. */
    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else if (c == '[' && glob.indexOf(']', i + 2) > 0) {
                int end = glob.indexOf(']', i + 2);
                String set = glob.substring(i + 1, end);
                regex.append('[').append(set.startsWith("!") ? "^" + set.substring(1) : set).append(']');
                i = end;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
