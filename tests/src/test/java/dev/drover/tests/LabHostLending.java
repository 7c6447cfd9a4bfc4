package dev.drover.tests;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Takes the hosts a {@link LabHosts} class asks for before it starts, and gives them back when
 * it has ended (JUnit closes the lease with the class's context, after its {@code @AfterAll}).
 * One pool for the whole test JVM: every lab test class and the differential test's playbooks
 * borrow from it.
 */
final class LabHostLending implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace LENDING = ExtensionContext.Namespace.create(LabHostLending.class);
    private static HostPool shared;

    /** The pool of this test JVM: any-N requests draw from the run's pool (drover.labHosts), named ones from the whole lab. */
    static synchronized HostPool pool(Lab lab) {
        if (shared == null) {
            shared = new HostPool(lab.pool(), lab.hosts().stream().map(LabHost::name).toList());
        }
        return shared;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Lab lab = Lab.require(); // skips the class when lab tests are off, before it waits for anything
        LabHosts wanted = context.getRequiredTestClass().getAnnotation(LabHosts.class);
        HostPool.Lease lease = take(lab, wanted);
        context.getStore(LENDING).put(HostPool.Lease.class, lease); // an AutoCloseable: closed with the class's context
    }

    private static HostPool.Lease take(Lab lab, LabHosts wanted) throws InterruptedException {
        if (wanted.count() > 0) {
            if (wanted.outside().isEmpty()) {
                return pool(lab).take(wanted.count());
            }
            Set<String> excluded = Set.copyOf(lab.group(wanted.outside()));
            return pool(lab).take(wanted.count(), host -> !excluded.contains(host), " outside " + wanted.outside());
        }
        String configured = wanted.property().isEmpty() ? "" : System.getProperty(wanted.property(), "");
        List<String> names = configured.isBlank() ? List.of(wanted.value()) : List.of(configured.strip().split("\\s*,\\s*"));
        return pool(lab).take(names);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == HostPool.Lease.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(LENDING).get(HostPool.Lease.class, HostPool.Lease.class);
    }
}
