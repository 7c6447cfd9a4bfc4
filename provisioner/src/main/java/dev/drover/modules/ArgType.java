package dev.drover.modules;

/** The types Ansible's argument_spec knows and that Drover's modules use. */
public enum ArgType {
    STR, BOOL, INT, LIST, DICT, PATH, RAW
}
