package dev.drover.template;

import dev.drover.UserError;
import dev.drover.yaml.VaultText;

/** Opening {@code !vault} values where templating meets them, with the vault's error in the template's terms. */
final class Secrets {

    private Secrets() {
    }

    /** Inside a render: a failure becomes a {@link RenderFailure}, which names the template and the task. */
    static String reveal(VaultText secret) {
        try {
            return secret.reveal();
        } catch (UserError e) {
            throw new RenderFailure(e.getMessage() + (e.hint() == null ? "" : " — " + e.hint()));
        }
    }
}
