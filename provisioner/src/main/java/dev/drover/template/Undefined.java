package dev.drover.template;

import com.hubspot.jinjava.objects.PyWrapper;
import com.hubspot.jinjava.objects.serialization.PyishSerializable;
import com.hubspot.jinjava.util.HasObjectTruthValue;

/**
 * The value of a name or attribute that does not exist, as Jinja2's StrictUndefined: it may be
 * passed around, tested ({@code is defined}) and replaced ({@code default}), but printing it,
 * testing its truth, comparing it or feeding it to a filter fails with the message it carries.
 * Attribute access on it yields itself, so the first missing name is the one reported.
 */
final class Undefined implements HasObjectTruthValue, PyWrapper, PyishSerializable, Iterable<Object> {

    private final String message;
    private final String name;

    private Undefined(String message, String name) {
        this.message = message;
        this.name = name;
    }

    private Undefined(String message) {
        this(message, null);
    }

    static Undefined variable(String name) {
        return new Undefined("'" + name + "' is undefined", name);
    }

    /** The variable's name when a whole variable is missing, else null. */
    String name() {
        return name;
    }

    static Undefined attribute(Object base, Object key) {
        return new Undefined("'" + PythonRepr.typeName(base) + " object' has no attribute '" + key + "'");
    }

    static Undefined element(Object base, Object index) {
        return new Undefined(PythonRepr.typeName(base) + " object has no element " + index);
    }

    static Undefined because(String message) {
        return new Undefined(message);
    }

    String message() {
        return message;
    }

    RenderFailure failure() {
        return new RenderFailure(message, true);
    }

    @Override
    public boolean getObjectTruthValue() {
        throw failure();
    }

    /** Looping over it ({@code {% for x in missing %}}) is an error too, not an empty loop. */
    @Override
    public java.util.Iterator<Object> iterator() {
        throw failure();
    }

    @Override
    public <T extends Appendable & CharSequence> T appendPyishString(T appendable) {
        throw failure();
    }

    /** Any attempt to turn an undefined value into text is the error Ansible reports. */
    @Override
    public String toString() {
        throw failure();
    }

    @Override
    public boolean equals(Object other) {
        throw failure();
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
