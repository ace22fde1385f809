package io.terrarium.conda.repodata;

/** A channel has neither the requested subdir nor {@code noarch}: it does not exist at the URL the message names. */
public class ChannelNotFoundException extends RepodataException {
    public ChannelNotFoundException(String message) {
        super(message);
    }
}
