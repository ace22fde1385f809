package io.terrarium.application.view;

import io.terrarium.domain.model.conda.CondaChannel;
import java.time.LocalDateTime;

/**
 * Read model of a conda channel for API responses.
 */
public record ChannelView(long id, String name, LocalDateTime lastUpdate) {

    public static ChannelView of(CondaChannel c) {
        return new ChannelView(c.getId(), c.getName(), c.getLastUpdate());
    }
}
