package io.terrarium.conda.solve;

import static io.terrarium.conda.solve.SuiteSupport.assertDists;
import static io.terrarium.conda.solve.SuiteSupport.dists;
import static io.terrarium.conda.solve.SuiteSupport.plus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.repodata.RepoIndex;
import io.terrarium.conda.testing.CondaTestIndex;
import io.terrarium.conda.types.PackageRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * conda's backend-independent solver tests ({@code conda/testing/solver_helpers.py} SolverTests, the successor of
 * {@code tests/test_resolve.py}): channel-1 ({@code index.json}, with pip added to python's dependencies as
 * {@code get_index_r_1} does) plus hand-made records in one channel, conda's {@code helpers.record} defaults
 * (version 1.0, build 0, build number 0, timestamp 0). Legacy {@code features} and {@code track_features} keep
 * classic conda's meaning (the cases that request a feature ask for {@code *[track_features=mkl]}, conda's name-less
 * {@code MatchSpec(track_features="mkl")}). Not ported: the removal case, and the two channel-priority cases conda
 * itself marks xfail.
 */
class CondaTestResolveTest {

    private static String channelUrl() {
        return CondaTestIndex.index("channel-1").channelUrls().get(0);
    }

    /** channel-1's records as conda's index_packages(1): python 2.x/3.x records depend on pip. */
    private static List<PackageRecord> channel1Records() {
        RepoIndex index = CondaTestIndex.index("channel-1");
        List<PackageRecord> out = new ArrayList<>();
        for (String name : index.names()) {
            for (PackageRecord r : index.recordsNamed(name)) {
                if (name.equals("python")
                        && (r.versionText().startsWith("2.") || r.versionText().startsWith("3."))) {
                    List<String> deps = new ArrayList<>(r.depends());
                    deps.add("pip");
                    r = r.toBuilder().depends(deps).build();
                }
                out.add(r);
            }
        }
        return out;
    }

    /** conda's helpers.record: version 1.0, build 0, build number 0, timestamp 0, in the test channel. */
    private static PackageRecord.Builder record(String name) {
        return PackageRecord.builder(name, "1.0")
                .build("0")
                .buildNumber(0)
                .subdir("linux-64")
                .channel(channelUrl());
    }

    private static PackageRecord rec(PackageRecord.Builder b) {
        PackageRecord r = b.build();
        return r.toBuilder().fn(r.dist() + ".tar.bz2").build();
    }

    private static RepoIndex index(List<PackageRecord> records) {
        return RepoIndex.of(List.of(channelUrl()), records);
    }

    private static RepoIndex withChannel1(PackageRecord... extra) {
        List<PackageRecord> all = channel1Records();
        all.addAll(List.of(extra));
        return index(all);
    }

    private static SolveResult install(RepoIndex index, String... specs) {
        return SuiteSupport.solve(SuiteSupport.request(index, specs));
    }

    private static UnsatisfiableException unsat(RepoIndex index, String... specs) {
        return SuiteSupport.unsat(SuiteSupport.request(index, specs));
    }

    /** conda's {@code MatchSpec(track_features="mkl")}: the request asks for the mkl feature. */
    private static final String MKL = "*[track_features=mkl]";

    private static final List<String> PY27 = List.of(
            "openssl-1.0.1c-0",
            "python-2.7.5-0",
            "readline-6.2-0",
            "sqlite-3.7.13-0",
            "system-5.8-1",
            "tk-8.5.13-0",
            "zlib-1.2.7-0",
            "distribute-0.6.36-py27_1",
            "pip-1.3.1-py27_1");
    private static final List<String> PY33 = List.of(
            "openssl-1.0.1c-0",
            "python-3.3.2-0",
            "readline-6.2-0",
            "sqlite-3.7.13-0",
            "system-5.8-1",
            "tk-8.5.13-0",
            "zlib-1.2.7-0",
            "distribute-0.6.36-py33_1",
            "pip-1.3.1-py33_1");

    @Test
    void test_empty() {
        assertEquals(List.of(), install(withChannel1()).records());
    }

    @Test
    void test_iopro_mkl() {
        assertDists(
                plus(PY27, "iopro-1.4.3-np17py27_p0", "numpy-1.7.1-py27_0", "unixodbc-2.3.1-0"),
                install(withChannel1(), "iopro 1.4*", "python 2.7*", "numpy 1.7*"));
    }

    @Test
    void test_iopro_nomkl() {
        assertDists(
                plus(PY27, "iopro-1.4.3-np17py27_p0", "mkl-rt-11.0-p0", "numpy-1.7.1-py27_p0", "unixodbc-2.3.1-0"),
                install(withChannel1(), "iopro 1.4*", "python 2.7*", "numpy 1.7*", MKL));
    }

    @Test
    void test_mkl() {
        // mkl 11 tracks the mkl feature: asking for it is asking for the feature
        List<String> plain = dists(install(withChannel1(), "mkl"));
        assertEquals(plain, dists(install(withChannel1(), "mkl 11*", MKL)));
        assertTrue(plain.stream().anyMatch(d -> d.startsWith("mkl-11.0-")), plain.toString());
        assertTrue(plain.contains("mkl-rt-11.0-p0"), plain.toString());
    }

    @Test
    void test_accelerate() {
        List<String> plain = dists(install(withChannel1(), "accelerate"));
        assertEquals(plain, dists(install(withChannel1(), "accelerate", MKL)));
        assertTrue(plain.stream().anyMatch(d -> d.startsWith("accelerate-1.1.0-")), plain.toString());
    }

    @Test
    void test_scipy_mkl() {
        SolveResult r = install(withChannel1(), "scipy", "python 2.7*", "numpy 1.7*", MKL);
        for (PackageRecord rec : r.records()) {
            if (rec.name().equals("numpy") || rec.name().equals("scipy")) {
                assertTrue(rec.features().contains("mkl"), rec.dist());
            }
        }
        List<String> d = dists(r);
        assertTrue(d.contains("numpy-1.7.1-py27_p0"), d.toString());
        assertTrue(d.contains("scipy-0.12.0-np17py27_p0"), d.toString());
    }

    @Test
    void test_anaconda_nomkl() {
        SolveResult r = install(withChannel1(), "anaconda 1.5.0", "python 2.7*", "numpy 1.7*");
        assertEquals(107, r.records().size(), dists(r).toString());
        assertTrue(dists(r).contains("scipy-0.12.0-np17py27_0"), dists(r).toString());
    }

    @Test
    void test_pseudo_boolean() {
        // the latest iopro, 1.5.0, was not built against numpy 1.5
        assertDists(
                plus(PY27, "iopro-1.4.3-np15py27_p0", "numpy-1.5.1-py27_4", "unixodbc-2.3.1-0"),
                install(withChannel1(), "iopro", "python 2.7*", "numpy 1.5*"));
        assertDists(
                plus(PY27, "iopro-1.4.3-np15py27_p0", "mkl-rt-11.0-p0", "numpy-1.5.1-py27_p4", "unixodbc-2.3.1-0"),
                install(withChannel1(), "iopro", "python 2.7*", "numpy 1.5*", MKL));
    }

    @Test
    void test_unsat_from_r1() {
        RepoIndex index = withChannel1();
        UnsatisfiableException a = unsat(index, "numpy 1.5*", "scipy 0.12.0b1");
        assertEquals(List.of("numpy 1.5*", "scipy 0.12.0b1"), a.conflictingSpecs());
        assertTrue(a.getMessage().contains("numpy"), a.getMessage());
        UnsatisfiableException b = unsat(index, "numpy 1.5*", "python 3*");
        assertEquals(List.of("numpy 1.5*", "python 3*"), b.conflictingSpecs());
        UnsatisfiableException c = unsat(index, "numpy 1.5*", "numpy 1.6*");
        assertEquals(List.of("numpy 1.5*", "numpy 1.6*"), c.conflictingSpecs());
    }

    @Test
    void test_unsat_simple() {
        RepoIndex index = index(List.of(
                rec(record("a").depends(List.of("c >=1,<2"))),
                rec(record("b").depends(List.of("c >=2,<3"))),
                rec(record("c").version("1.0")),
                rec(record("c").version("2.0"))));
        UnsatisfiableException e = unsat(index, "a", "b");
        assertEquals(List.of("a", "b"), e.conflictingSpecs());
        assertTrue(e.getMessage().contains("c >=1,<2") && e.getMessage().contains("c >=2,<3"), e.getMessage());
    }

    @Test
    void test_get_dists() {
        List<String> d = dists(install(withChannel1(), "anaconda 1.4.0"));
        assertTrue(d.contains("anaconda-1.4.0-np17py33_0"), d.toString());
        assertTrue(d.contains("freetype-2.4.10-0"), d.toString());
    }

    private static RepoIndex shortestChain(String aDeps1, String aDeps2, String dDep) {
        return index(List.of(
                rec(record("a").depends(List.of(aDeps1, aDeps2))),
                rec(record("b").depends(List.of("c"))),
                rec(record("c").version("1.3.6")),
                rec(record("c").version("1.2.8")),
                rec(record("d").depends(List.of(dDep)))));
    }

    @Test
    void test_unsat_shortest_chain_1() {
        UnsatisfiableException e = unsat(shortestChain("d", "c <1.3.0", "c >=0.8.0"), "c=1.3.6", "a", "b");
        assertEquals(List.of("c=1.3.6", "a"), e.conflictingSpecs());
        assertTrue(e.getMessage().contains("c <1.3.0"), e.getMessage());
    }

    @Test
    void test_unsat_shortest_chain_2() {
        UnsatisfiableException e = unsat(shortestChain("d", "c >=0.8.0", "c <1.3.0"), "c=1.3.6", "a", "b");
        assertEquals(List.of("c=1.3.6", "a"), e.conflictingSpecs());
        assertTrue(e.getMessage().contains("c <1.3.0"), e.getMessage());
    }

    @Test
    void test_unsat_shortest_chain_3() {
        RepoIndex index = index(List.of(
                rec(record("a").depends(List.of("f", "e"))),
                rec(record("b").depends(List.of("c"))),
                rec(record("c").version("1.3.6")),
                rec(record("c").version("1.2.8")),
                rec(record("d").depends(List.of("c >=0.8.0"))),
                rec(record("e").depends(List.of("c <1.3.0"))),
                rec(record("f").depends(List.of("d")))));
        UnsatisfiableException e = unsat(index, "c=1.3.6", "a", "b");
        assertEquals(List.of("c=1.3.6", "a"), e.conflictingSpecs());
        assertTrue(e.getMessage().contains("c <1.3.0"), e.getMessage());
    }

    @Test
    void test_unsat_shortest_chain_4() {
        RepoIndex index = index(List.of(
                rec(record("a").depends(List.of("py =3.7.1"))),
                rec(record("py_req_1")),
                rec(record("py_req_2")),
                rec(record("py").version("3.7.1").depends(List.of("py_req_1", "py_req_2"))),
                rec(record("py").version("3.6.1").depends(List.of("py_req_1", "py_req_2")))));
        UnsatisfiableException e = unsat(index, "a", "py=3.6.1");
        assertEquals(List.of("a", "py=3.6.1"), e.conflictingSpecs());
        assertTrue(e.getMessage().contains("py =3.7.1") || e.getMessage().contains("py=3.7.1"), e.getMessage());
    }

    @Test
    void test_unsat_chain() {
        RepoIndex index = index(List.of(
                rec(record("a").depends(List.of("b"))),
                rec(record("b").depends(List.of("c >=1,<2"))),
                rec(record("c").version("1.0").depends(List.of("d >=1,<2"))),
                rec(record("d").version("1.0")),
                rec(record("e").depends(List.of("c >=2,<3"))),
                rec(record("c").version("2.0").depends(List.of("d >=2,<3"))),
                rec(record("d").version("2.0"))));
        UnsatisfiableException e = unsat(index, "a", "e");
        assertEquals(List.of("a", "e"), e.conflictingSpecs());
        assertTrue(e.getMessage().contains("c >=1,<2") && e.getMessage().contains("c >=2,<3"), e.getMessage());
    }

    @Test
    void test_unsat_any_two_not_three() {
        RepoIndex index = index(List.of(
                rec(record("a").version("1.0").depends(List.of("d >=1,<2"))),
                rec(record("a").version("2.0").depends(List.of("d >=2,<3"))),
                rec(record("b").version("1.0").depends(List.of("d >=1,<2"))),
                rec(record("b").version("2.0").depends(List.of("d >=3,<4"))),
                rec(record("c").version("1.0").depends(List.of("d >=2,<3"))),
                rec(record("c").version("2.0").depends(List.of("d >=3,<4"))),
                rec(record("d").version("1.0")),
                rec(record("d").version("2.0")),
                rec(record("d").version("3.0"))));
        SolveResult ab = install(index, "a", "b");
        assertEquals("1.0", ab.record("a").versionText());
        assertEquals("1.0", ab.record("b").versionText());
        SolveResult ac = install(index, "a", "c");
        assertEquals("2.0", ac.record("a").versionText());
        assertEquals("1.0", ac.record("c").versionText());
        SolveResult bc = install(index, "b", "c");
        assertEquals("2.0", bc.record("b").versionText());
        assertEquals("2.0", bc.record("c").versionText());
        UnsatisfiableException e = unsat(index, "a", "b", "c");
        assertEquals(List.of("a", "b", "c"), e.conflictingSpecs());
    }

    @Test
    void test_unsat_expand_single() {
        RepoIndex index = index(List.of(
                rec(record("a").depends(List.of("b", "c"))),
                rec(record("b").depends(List.of("d >=1,<2"))),
                rec(record("c").depends(List.of("d >=2,<3"))),
                rec(record("d").version("1.0")),
                rec(record("d").version("2.0"))));
        UnsatisfiableException e = unsat(index, "a");
        assertEquals(List.of("a"), e.conflictingSpecs());
        assertTrue(e.getMessage().contains("d >=1,<2") && e.getMessage().contains("d >=2,<3"), e.getMessage());
    }

    @Test
    void test_unsat_missing_dep() {
        RepoIndex index = index(List.of(
                rec(record("a").depends(List.of("b", "c"))),
                rec(record("b").depends(List.of("c >=2,<3"))),
                rec(record("c").version("1.0"))));
        UnsatisfiableException e = unsat(index, "a", "b");
        assertEquals(List.of("b"), e.conflictingSpecs());
        assertTrue(e.getMessage().contains("c >=2,<3"), e.getMessage());
    }

    @Test
    void test_nonexistent() {
        RepoIndex index = withChannel1();
        assertTrue(unsat(index, "notarealpackage 2.0*").getMessage().contains("notarealpackage"));
        assertTrue(unsat(index, "numpy 1.5").getMessage().contains("numpy 1.5"));
    }

    @Test
    void test_timestamps_and_deps() {
        RepoIndex index = withChannel1(
                rec(record("mypackage").build("hash12_0").timestamp(1).depends(List.of("libpng 1.2.*"))),
                rec(record("mypackage").build("hash15_0").timestamp(0).depends(List.of("libpng 1.5.*"))));
        List<String> r12 = dists(install(index, "libpng 1.2.*", "mypackage"));
        assertTrue(r12.contains("libpng-1.2.50-0") && r12.contains("mypackage-1.0-hash12_0"), r12.toString());
        List<String> r15 = dists(install(index, "libpng 1.5.*", "mypackage"));
        assertTrue(r15.contains("libpng-1.5.13-1") && r15.contains("mypackage-1.0-hash15_0"), r15.toString());
        // unconstrained, the newer libpng wins over the newer timestamp
        assertEquals(r15, dists(install(index, "mypackage")));
    }

    @Test
    void test_nonexistent_deps() {
        RepoIndex first = withChannel1(
                rec(record("mypackage").version("1.0").depends(List.of("nose", "python 3.3*", "notarealpackage 2.0*"))),
                rec(record("mypackage").version("1.1").depends(List.of("nose", "python 3.3*"))),
                rec(record("anotherpackage").version("1.0").depends(List.of("nose", "mypackage 1.1"))),
                rec(record("anotherpackage").version("2.0").depends(List.of("nose", "mypackage"))));
        assertDists(plus(PY33, "mypackage-1.1-0", "nose-1.3.0-py33_0"), install(first, "mypackage"));
        assertDists(
                plus(PY33, "anotherpackage-1.0-0", "mypackage-1.1-0", "nose-1.3.0-py33_0"),
                install(first, "anotherpackage 1.0"));
        assertDists(
                plus(PY33, "anotherpackage-2.0-0", "mypackage-1.1-0", "nose-1.3.0-py33_0"),
                install(first, "anotherpackage"));
        // this time the latest version is the broken one
        RepoIndex second = withChannel1(
                rec(record("mypackage").version("1.0").depends(List.of("nose", "python 3.3*"))),
                rec(record("mypackage").version("1.1").depends(List.of("nose", "python 3.3*", "notarealpackage 2.0*"))),
                rec(record("anotherpackage").version("1.0").depends(List.of("nose", "mypackage 1.0"))),
                rec(record("anotherpackage").version("2.0").depends(List.of("nose", "mypackage"))));
        assertDists(plus(PY33, "mypackage-1.0-0", "nose-1.3.0-py33_0"), install(second, "mypackage"));
        assertTrue(unsat(second, "mypackage 1.1").getMessage().contains("notarealpackage"));
        assertDists(
                plus(PY33, "anotherpackage-1.0-0", "mypackage-1.0-0", "nose-1.3.0-py33_0"),
                install(second, "anotherpackage 1.0"));
        assertDists(
                plus(PY33, "anotherpackage-2.0-0", "mypackage-1.0-0", "nose-1.3.0-py33_0"),
                install(second, "anotherpackage"));
    }

    @Test
    void test_install_package_with_feature() {
        RepoIndex index = withChannel1(
                rec(record("mypackage").depends(List.of("python 3.3*")).features(List.of("feature"))),
                rec(record("feature").depends(List.of("python 3.3*")).trackFeatures(List.of("feature"))));
        List<String> d = dists(install(index, "mypackage", "feature 1.0"));
        assertTrue(d.contains("mypackage-1.0-0") && d.contains("feature-1.0-0"), d.toString());
    }

    @Test
    void test_unintentional_feature_downgrade() {
        // conda issue 6765: a bad build of scipy 0.11.0 without its numpy dependency must not win
        PackageRecord good = CondaTestIndex.index("channel-1").recordsNamed("scipy").stream()
                .filter(r -> r.dist().equals("scipy-0.11.0-np17py33_3"))
                .findFirst()
                .orElseThrow();
        List<String> badDeps =
                good.depends().stream().filter(d -> !d.startsWith("numpy")).toList();
        PackageRecord bad = good.toBuilder()
                .build(good.build().replace("_3", "_x0"))
                .buildNumber(0)
                .depends(badDeps)
                .fn(good.fn().replace("_3", "_x0"))
                .url(good.url().replace("_3", "_x0"))
                .build();
        List<String> d = dists(install(withChannel1(bad), "scipy 0.11.0"));
        assertTrue(d.contains("scipy-0.11.0-np17py33_3"), d.toString());
        assertTrue(!d.contains("scipy-0.11.0-np17py33_x0"), d.toString());
    }

    @Test
    void test_circular_dependencies() {
        RepoIndex index = withChannel1(
                rec(record("package1").depends(List.of("package2"))),
                rec(record("package2").depends(List.of("package1"))));
        List<String> both = dists(install(index, "package1", "package2"));
        assertEquals(List.of("package1-1.0-0", "package2-1.0-0"), both);
        assertEquals(both, dists(install(index, "package1")));
        assertEquals(both, dists(install(index, "package2")));
    }

    @Test
    void test_irrational_version() {
        assertDists(plus(PY33, "pytz-2012d-py33_0"), install(withChannel1(), "pytz 2012d", "python 3*"));
    }

    @Test
    void test_no_features() {
        List<String> py26 = List.of(
                "distribute-0.6.36-py26_1",
                "openssl-1.0.1c-0",
                "pip-1.3.1-py26_1",
                "python-2.6.8-6",
                "readline-6.2-0",
                "sqlite-3.7.13-0",
                "system-5.8-1",
                "tk-8.5.13-0",
                "zlib-1.2.7-0");
        assertDists(
                plus(py26, "numpy-1.6.2-py26_4", "scipy-0.11.0-np16py26_3"),
                install(withChannel1(), "python 2.6*", "numpy 1.6*", "scipy 0.11*"));
        assertDists(
                plus(py26, "mkl-rt-11.0-p0", "numpy-1.6.2-py26_p4", "scipy-0.11.0-np16py26_p3"),
                install(withChannel1(), "python 2.6*", "numpy 1.6*", "scipy 0.11*", MKL));
        RepoIndex more = withChannel1(
                rec(record("pandas")
                        .version("0.12.0")
                        .build("np16py27_0")
                        .depends(List.of("dateutil", "numpy 1.6*", "python 2.7*", "pytz"))),
                rec(record("numpy")
                        .version("1.6.2")
                        .build("py27_p5")
                        .depends(List.of("mkl-rt 11.0", "python 2.7"))
                        .features(List.of("mkl"))));
        assertDists(
                plus(
                        PY27,
                        "dateutil-2.1-py27_1",
                        "numpy-1.6.2-py27_4",
                        "pandas-0.12.0-np16py27_0",
                        "pytz-2013b-py27_0",
                        "six-1.3.0-py27_0"),
                install(more, "pandas 0.12.0 np16py27_0", "python 2.7*"));
        assertDists(
                plus(
                        PY27,
                        "dateutil-2.1-py27_1",
                        "mkl-rt-11.0-p0",
                        "numpy-1.6.2-py27_p4",
                        "pandas-0.12.0-np16py27_0",
                        "pytz-2013b-py27_0",
                        "six-1.3.0-py27_0"),
                install(more, "pandas 0.12.0 np16py27_0", "python 2.7*", MKL));
    }

    private static RepoIndex features(boolean secondIsNewerVersion) {
        return index(List.of(
                rec(record("feature").trackFeatures(List.of("feature"))),
                rec(record("package1").features(List.of("feature"))),
                rec(record("package2")
                        .version("1.0")
                        .features(List.of("feature"))
                        .depends(List.of("package1"))),
                secondIsNewerVersion
                        ? rec(record("package2").version("2.0").features(List.of("feature")))
                        : rec(record("package2").version("1.0").buildNumber(1).features(List.of("feature")))));
    }

    @Test
    void test_surplus_features_1() {
        assertDists(List.of("package2-2.0-0", "feature-1.0-0"), install(features(true), "package2", "feature"));
    }

    @Test
    void test_surplus_features_2() {
        // conda's expected dist is package2-1.0-0: its helper gives both builds the build string "0"; the chosen one
        // is the build-number-1 record, which has no dependency on package1
        SolveResult r = install(features(false), "package2", "feature");
        assertDists(List.of("package2-1.0-0", "feature-1.0-0"), r);
        assertEquals(1, r.record("package2").buildNumber());
    }

    @Test
    void test_get_reduced_index_broadening_with_unsatisfiable_early_dep() {
        RepoIndex index = index(List.of(
                rec(record("a").version("1.0").depends(List.of("b", "c==2"))),
                rec(record("a").version("2.0").depends(List.of("b"))),
                rec(record("b").depends(List.of("c"))),
                rec(record("c"))));
        assertDists(List.of("a-2.0-0", "b-1.0-0", "c-1.0-0"), install(index, "a"));
    }

    @Test
    void test_get_reduced_index_broadening_preferred_solution() {
        RepoIndex index = index(List.of(
                rec(record("top").version("1.0").depends(List.of("middle", "bottom==1.5"))),
                rec(record("top").version("2.0").depends(List.of("middle"))),
                rec(record("middle").depends(List.of("bottom"))),
                rec(record("bottom").version("1.5")),
                rec(record("bottom").version("2.5"))));
        SolveResult r = install(index, "top");
        assertEquals("2.0", r.record("top").versionText());
        assertEquals("2.5", r.record("bottom").versionText());
    }

    private static PackageRecord noarch(PackageRecord.Builder b) {
        return rec(b.subdir("noarch").noarch("generic"));
    }

    @Test
    void test_arch_preferred_over_noarch_when_otherwise_equal() {
        SolveResult r = install(index(List.of(noarch(record("package1")), rec(record("package1")))), "package1");
        assertEquals(1, r.records().size());
        assertEquals("linux-64", r.records().get(0).subdir());
    }

    @Test
    void test_noarch_preferred_over_arch_when_version_greater() {
        SolveResult r = install(
                index(List.of(
                        noarch(record("package1").version("2.0")),
                        rec(record("package1").version("1.0")))),
                "package1");
        assertEquals("noarch", r.records().get(0).subdir());
    }

    @Test
    void test_noarch_preferred_over_arch_when_version_greater_dep() {
        SolveResult r = install(
                index(List.of(
                        rec(record("package1").version("1.0")),
                        noarch(record("package1").version("2.0")),
                        rec(record("package2").depends(List.of("package1"))))),
                "package2");
        assertEquals("noarch", r.record("package1").subdir());
    }

    @Test
    void test_noarch_preferred_over_arch_when_build_greater() {
        SolveResult r = install(
                index(List.of(
                        rec(record("package1").buildNumber(0)),
                        noarch(record("package1").buildNumber(1)))),
                "package1");
        assertEquals("noarch", r.records().get(0).subdir());
    }

    @Test
    void test_noarch_preferred_over_arch_when_build_greater_dep() {
        SolveResult r = install(
                index(List.of(
                        rec(record("package1").buildNumber(0)),
                        noarch(record("package1").buildNumber(1)),
                        rec(record("package2").depends(List.of("package1"))))),
                "package2");
        assertEquals("noarch", r.record("package1").subdir());
    }
}
