package dev.drover.template;

import com.google.common.collect.SetMultimap;
import com.hubspot.jinjava.interpret.Context;

/**
 * The shared parent of every render's context: it holds the filters, tests and functions and is
 * never written. Jinjava reports resolved names and dependencies up the context chain for its
 * own bookkeeping; stopping them here keeps one engine safe to share between threads.
 */
final class SealedContext extends Context {

    SealedContext(Context globals) {
        super(globals);
    }

    @Override
    public void addResolvedExpression(String expression) {}

    @Override
    public void addResolvedValue(String value) {}

    @Override
    public void addResolvedFunction(String function) {}

    @Override
    public void addDependency(String type, String identification) {}

    @Override
    public void addDependencies(SetMultimap<String, String> dependencies) {}
}
