package dev.drover.tests;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The lab hosts a test class uses, lent to it alone from before its first {@code @BeforeAll}
 * until after its last {@code @AfterAll}: lab test classes run side by side, and no two of
 * them (nor a differential playbook) ever touch one host at the same time.
 *
 * <p>Either hosts by name ({@code @LabHosts({"lab8", "lab9"})}), for a class written for
 * them, or any {@link #count()} hosts of the run's pool; a {@code @BeforeAll} method learns
 * which from a {@link HostPool.Lease} parameter.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(LabHostLending.class)
@interface LabHosts {

    /** Hosts by name. */
    String[] value() default {};

    /** A system property that, when set, names other hosts instead (comma-separated). */
    String property() default "";

    /** Or this many hosts, whichever are free. */
    int count() default 0;

    /** With {@link #count()}: only hosts outside this inventory group. */
    String outside() default "";
}
