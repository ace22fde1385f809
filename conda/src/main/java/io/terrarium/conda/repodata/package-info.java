/**
 * Channels and their repodata: channel names and URLs ({@link io.terrarium.conda.repodata.Channel},
 * {@link io.terrarium.conda.repodata.ChannelConfig}), fetching {@code repodata.json} from directories,
 * {@code file://} and cached {@code http(s)://} URLs (as {@code .zst}, {@code .bz2} or plain JSON, or sharded per
 * CEP 16 with only the shards a solve reaches), streaming and lazily parsing it into records, and merging
 * subdirs into the {@link io.terrarium.conda.repodata.RepoIndex} a solve chooses from. It answers which records
 * exist; choosing among them is the solver's job.
 */
package io.terrarium.conda.repodata;
