package dev.drover.modules.system;

import java.util.ArrayList;
import java.util.List;

/**
 * Which packages apt-get must be given, decided in Java the way Ansible's apt module decides
 * it from python-apt's view of the cache. Pure: fed with what {@link DpkgState} and
 * {@link AptPolicy} read on the host.
 */
final class AptPlan {

    private AptPlan() {
    }

    /** Whether deciding needs apt's candidates (apt-cache policy), or dpkg's view is enough. */
    static boolean needsPolicy(List<AptPackageSpec> specs, DpkgState dpkg, boolean latest) {
        return latest || specs.stream().anyMatch(s -> s.comparison() != null || !dpkg.get(s.name()).installed());
    }

    /**
     * The quoted apt-get install arguments ({@code 'tree'}, {@code 'tree=2.1.0-1'}), empty when
     * everything is as asked.
     */
    static List<String> install(List<AptPackageSpec> specs, DpkgState dpkg, AptPolicy policy, boolean latest,
                                boolean onlyUpgrade) throws ModuleFailure {
        List<String> args = new ArrayList<>();
        for (AptPackageSpec spec : specs) {
            DpkgState.Entry entry = dpkg.get(spec.name());
            boolean installed = entry.installed();
            AptPolicy.Package known = policy == null ? null : policy.get(spec.name());
            if (!installed && policy != null && known == null) {
                throw new ModuleFailure("No package matching '" + spec.name() + "' is available");
            }
            if (!installed && onlyUpgrade) {
                continue;
            }
            // A package with no version of its own (virtual) is handed to apt-get by name, as Ansible does.
            boolean virtual = !installed && known != null && known.versions().isEmpty();
            String best = policy == null ? null : policy.bestMatch(spec);
            boolean versionInstalled = installed && spec.accepts(entry.version());
            String installable = null;
            if (installed) {
                if (best != null && !best.equals(entry.version()) && spec.accepts(best)) {
                    installable = best;
                }
            } else {
                installable = best;
            }
            if (!versionInstalled && installable == null && !virtual) {
                throw new ModuleFailure("no available installation candidate for " + spec.spec());
            }
            if (virtual) {
                args.add("'" + (spec.version() == null ? spec.name() : spec.name() + "=" + spec.version()) + "'");
            } else if (installable != null && ((!installed && !onlyUpgrade) || latest || !versionInstalled)) {
                args.add("'" + spec.name() + "=" + installable + "'");
            } else if (versionInstalled && installable != null && "=".equals(spec.comparison())) {
                args.add("'" + spec.name() + "=" + spec.version() + "'");
            }
        }
        return args;
    }

    /** The quoted apt-get remove arguments: installed packages (in the asked version), or any files left with purge. */
    static List<String> remove(List<AptPackageSpec> specs, DpkgState dpkg, boolean purge) {
        List<String> args = new ArrayList<>();
        for (AptPackageSpec spec : specs) {
            DpkgState.Entry entry = dpkg.get(spec.name());
            boolean versionInstalled = entry.installed() && spec.accepts(entry.version());
            if (versionInstalled || (purge && entry.hasFiles())) {
                args.add("'" + spec.spec() + "'");
            }
        }
        return args;
    }
}
