package io.terrarium.conda.repodata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.types.PackageRecord;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RepoIndexTest {
    static PackageRecord rec(String channel, String name, String version) {
        return PackageRecord.builder(name, version)
                .build("0")
                .channel(channel)
                .subdir("linux-64")
                .fn(name + "-" + version + "-0.tar.bz2")
                .url(channel + "/linux-64/" + name + "-" + version + "-0.tar.bz2")
                .build();
    }

    @Test
    void ofGroupsByNameInChannelPriorityOrder() {
        PackageRecord a1 = rec("file:///b", "a", "1");
        PackageRecord a2 = rec("file:///a", "a", "2");
        PackageRecord b1 = rec("file:///a", "b", "1");
        RepoIndex idx = RepoIndex.of(List.of("file:///a", "file:///b"), List.of(a1, a2, b1));
        assertEquals(3, idx.size());
        assertEquals(Set.of("a", "b"), idx.names());
        assertEquals(List.of(a2, a1), idx.recordsNamed("a"), "higher priority channel first");
        assertEquals(List.of(), idx.recordsNamed("nope"));
        assertEquals(List.of("file:///a", "file:///b"), idx.channelUrls());
        assertEquals(0, idx.channelRank(a2));
        assertEquals(1, idx.channelRank(a1));
        assertEquals(1, idx.channelRank("file:///b"));
        assertEquals(-1, idx.channelRank("file:///c"));
        assertThrows(
                UnsupportedOperationException.class, () -> idx.recordsNamed("a").add(b1));
        assertThrows(UnsupportedOperationException.class, () -> idx.names().remove("a"));
    }

    @Test
    void recordFromAnUnlistedChannelIsRejected() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> RepoIndex.of(List.of("file:///a"), List.of(rec("file:///z", "x", "1"))));
        assertTrue(e.getMessage().contains("x-1-0") && e.getMessage().contains("file:///z"), e.getMessage());
        RepoIndex idx = RepoIndex.of(List.of("file:///a"), List.of());
        assertThrows(IllegalArgumentException.class, () -> idx.channelRank(rec("file:///z", "x", "1")));
    }

    @Test
    void mergingSubdirsNeverChangesTheParsedLists() {
        SubdirRepodata linux = RepodataParserTest.parseText("""
                {"packages": {"a-1-0.tar.bz2": {"name": "a", "version": "1", "build": "0"}}}""");
        SubdirRepodata noarch = RepodataParserTest.parseText("""
                {"packages": {"a-2-0.tar.bz2": {"name": "a", "version": "2", "build": "0"},
                              "b-2-0.tar.bz2": {"name": "b", "version": "2", "build": "0"}}}""");
        RepoIndex first = RepoIndex.fromSources(List.of(linux.channelUrl()), List.of(linux, noarch));
        RepoIndex second = RepoIndex.fromSources(List.of(linux.channelUrl()), List.of(linux, noarch, linux));
        assertEquals(2, first.recordsNamed("a").size());
        assertEquals(3, second.recordsNamed("a").size());
        assertEquals(1, linux.byName().get("a").size(), "parser lists are not modified by merging");
        assertEquals(
                List.of("1", "2"),
                first.recordsNamed("a").stream().map(PackageRecord::versionText).toList());
    }
}
