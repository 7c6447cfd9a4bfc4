package dev.drover.modules;

import dev.drover.modules.commands.Command;
import dev.drover.modules.commands.Raw;
import dev.drover.modules.commands.Script;
import dev.drover.modules.commands.Shell;
import dev.drover.modules.control.AddHost;
import dev.drover.modules.control.Assert;
import dev.drover.modules.control.AsyncStatus;
import dev.drover.modules.cluster.DroverCheck;
import dev.drover.modules.cluster.NomadJob;
import dev.drover.modules.control.Debug;
import dev.drover.modules.control.Fail;
import dev.drover.modules.control.GroupBy;
import dev.drover.modules.control.IncludeAction;
import dev.drover.modules.control.IncludeVars;
import dev.drover.modules.control.Pause;
import dev.drover.modules.control.SetFact;
import dev.drover.modules.control.Setup;
import dev.drover.modules.files.Blockinfile;
import dev.drover.modules.files.Copy;
import dev.drover.modules.files.Fetch;
import dev.drover.modules.files.File;
import dev.drover.modules.files.Find;
import dev.drover.modules.files.Lineinfile;
import dev.drover.modules.files.Replace;
import dev.drover.modules.files.Slurp;
import dev.drover.modules.files.Stat;
import dev.drover.modules.files.Template;
import dev.drover.modules.files.Unarchive;
import dev.drover.modules.files.Tempfile;
import dev.drover.modules.net.GetUrl;
import dev.drover.modules.net.Uri;
import dev.drover.modules.net.Wakeonlan;
import dev.drover.modules.net.WaitFor;
import dev.drover.modules.source.Git;
import dev.drover.modules.system.Reboot;
import dev.drover.modules.system.Apt;
import dev.drover.modules.system.AptKey;
import dev.drover.modules.system.AptRepository;
import dev.drover.modules.system.Cron;
import dev.drover.modules.system.Deb822Repository;
import dev.drover.modules.system.Group;
import dev.drover.modules.system.Hostname;
import dev.drover.modules.system.Mount;
import dev.drover.modules.system.Package;
import dev.drover.modules.system.Service;
import dev.drover.modules.system.Sysctl;
import dev.drover.modules.system.Systemd;
import dev.drover.modules.system.User;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The modules a run can use, by the name tasks call them. */
public final class ModuleRegistry {

    private final Map<String, Module> modules;

    public ModuleRegistry(List<Module> modules) {
        Map<String, Module> byName = new LinkedHashMap<>();
        modules.forEach(m -> byName.put(m.name(), m));
        this.modules = Map.copyOf(byName);
    }

    /** Every module Drover ships. */
    public static ModuleRegistry builtin() {
        return new ModuleRegistry(List.of(new Command(), new Shell(), new Raw(), new Debug(), new SetFact(),
                new Assert(), new Fail(), new Copy(), new Template(), new File(), new Lineinfile(), new Blockinfile(),
                new Stat(), new Setup(), Setup.gatherFacts(),
                IncludeAction.tasks(), IncludeAction.role(), new IncludeVars(), new AddHost(), new GroupBy(),
                new Replace(), new Find(), new Slurp(), new Fetch(), new Tempfile(), new WaitFor(), new NomadJob(), new DroverCheck(), new Pause(), new Script(), new AsyncStatus(),
                new GetUrl(), new Uri(), new Wakeonlan(), new Unarchive(), new Git(), new Reboot(),
                new Apt(), new Package(), new Systemd(), Systemd.service(), new Service(), new User(), new Group(),
                new Hostname(), new Sysctl(), new Cron(), new Mount(), new AptRepository(), new AptKey(), new Deb822Repository()));
    }

    public Optional<Module> find(String name) {
        return Optional.ofNullable(modules.get(name));
    }

    public Set<String> names() {
        return modules.keySet();
    }
}
