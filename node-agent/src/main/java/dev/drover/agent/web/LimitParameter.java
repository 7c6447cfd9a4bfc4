package dev.drover.agent.web;

import io.javalin.http.Context;

/** The {@code ?limit=} of a list route: 100 unless given, else a whole number from 1 to 10000 (400 otherwise). */
final class LimitParameter {

    private static final int DEFAULT = 100;
    private static final int MAX = 10_000;

    private LimitParameter() {
    }

    static int of(Context ctx) {
        String text = ctx.queryParam("limit");
        if (text == null) {
            return DEFAULT;
        }
        int limit;
        try {
            limit = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX) {
            throw new Refusal(400, "limit must be a whole number from 1 to 10000, not '" + text + "'");
        }
        return limit;
    }
}
