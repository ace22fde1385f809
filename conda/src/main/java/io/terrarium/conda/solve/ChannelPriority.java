package io.terrarium.conda.solve;

/** How a solve weighs the order of the channels, as conda's {@code channel_priority} setting does. */
public enum ChannelPriority {
    /** Per package name, only the highest-priority channel that has the name is eligible (conda's and rattler's default). */
    STRICT,
    /** Every channel is eligible, but a higher-priority channel wins over a higher version. */
    FLEXIBLE,
    /** The highest version wins wherever it comes from; among equal versions the channel order decides before the build number (conda). */
    DISABLED;

    /** Parses {@code strict}, {@code flexible} or {@code disabled} (any case). */
    public static ChannelPriority parse(String text) {
        for (ChannelPriority p : values()) {
            if (p.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException(
                "unknown channel priority '" + text + "' (expected strict, flexible or disabled)");
    }
}
