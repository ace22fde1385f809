package io.terrarium.conda.pip.index;

import java.util.List;

/**
 * The files one or more indexes list for a project, in index order.
 *
 * @param name  the project's normalised name
 * @param files its files
 */
public record ProjectPage(String name, List<DistributionFile> files) {
    public ProjectPage {
        files = List.copyOf(files);
    }
}
