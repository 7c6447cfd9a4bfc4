package dev.drover.agent.workflow;

import java.net.URI;
import java.util.concurrent.Callable;

/**
 * What stands between a step and an external endpoint: the circuit breakers shared by all
 * runs plug in here (keyed by the endpoint's scheme, host and port), so a dead service fails
 * fast instead of every run waiting for its timeout. {@link #NONE} lets every call through.
 */

public interface CallGuard {

    CallGuard NONE = new CallGuard() {
        @Override
        public <T> T call(URI endpoint, Callable<T> call) throws Exception {
            return call.call();
        }
    };

    <T> T call(URI endpoint, Callable<T> call) throws Exception;
}
