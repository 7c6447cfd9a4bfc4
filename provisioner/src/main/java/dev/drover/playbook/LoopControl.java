package dev.drover.playbook;

/** {@code loop_control}: the loop variable's name, an index variable, a label for output, a pause. */
public record LoopControl(String loopVar, String indexVar, Object label, double pauseSeconds, boolean extended) {
    public static final LoopControl DEFAULT = new LoopControl("item", null, null, 0, false);
}
