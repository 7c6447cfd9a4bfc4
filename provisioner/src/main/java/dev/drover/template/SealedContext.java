package dev.drover.template;

import com.google.common.collect.SetMultimap;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;

/**
 * The shared parent of every render's context: it holds the filters, tests and functions and is
 * never written. Jinjava reports resolved names and dependencies up the context chain for its
 * own bookkeeping; stopping them here keeps one engine safe to share between threads.
 * It is also where an unknown filter or test name ends up, which Jinja2 treats as an error
 * and Jinjava silently as null.
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

    @Override
    public Filter getFilter(String name) {
        Filter filter = super.getFilter(name);
        if (filter == null) {
            throw new RenderFailure("no filter named '" + name + "'");
        }
        return filter;
    }

    @Override
    public ExpTest getExpTest(String name) {
        ExpTest test = super.getExpTest(name);
        if (test == null) {
            throw new RenderFailure("no test named '" + name + "'");
        }
        return test;
    }
}
