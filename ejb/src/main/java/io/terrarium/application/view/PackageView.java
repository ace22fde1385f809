package io.terrarium.application.view;

import io.terrarium.domain.model.conda.CondaPackage;

/**
 * Read model of a conda package (name and version in a channel) for API responses.
 */
public record PackageView(long id, ChannelView channel, String name, String version, String license, String summary) {

    public static PackageView of(CondaPackage p) {
        return new PackageView(
                p.getId(), ChannelView.of(p.getChannel()), p.getName(), p.getVersion(), p.getLicense(), p.getSummary());
    }
}
