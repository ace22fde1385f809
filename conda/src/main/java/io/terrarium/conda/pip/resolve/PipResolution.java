package io.terrarium.conda.pip.resolve;

import java.util.List;

/**
 * The outcome of a pip resolve.
 *
 * @param wheels          the wheels to install, parents before their dependencies
 * @param satisfiedByConda the conda packages that satisfied pip requirements (nothing is installed for them)
 */
public record PipResolution(List<PinnedWheel> wheels, List<CondaProvided> satisfiedByConda) {
    public PipResolution {
        wheels = List.copyOf(wheels);
        satisfiedByConda = List.copyOf(satisfiedByConda);
    }
}
