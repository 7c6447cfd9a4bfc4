package dev.drover.report;

import java.util.Map;

/**
 * One task's result on one host (or one loop item of it): the status, Ansible's result
 * fields, and how to show it.
 *
 * @param item       the loop item's label, or null when this is not a loop item
 * @param hidden     no_log was set: show no result fields
 * @param delegateTo the host the task ran on, when delegated; else null
 */
public record HostOutcome(String host, Status status, Map<String, Object> result, String item, boolean hidden,
                          String delegateTo) {
}
