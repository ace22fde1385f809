package io.terrarium.conda.solve;

import static io.terrarium.conda.solve.SuiteSupport.assertDists;
import static io.terrarium.conda.solve.SuiteSupport.plus;
import static io.terrarium.conda.solve.SuiteSupport.request;
import static io.terrarium.conda.solve.SuiteSupport.solve;
import static io.terrarium.conda.solve.SuiteSupport.unsat;
import static io.terrarium.conda.solve.SuiteSupport.virtualPackages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.repodata.RepoIndex;
import io.terrarium.conda.testing.CondaTestIndex;
import io.terrarium.conda.types.MatchSpec;
import io.terrarium.conda.types.PackageRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fresh-solve cases of conda's {@code tests/core/test_solve.py} (conda's {@code get_solver*} helpers: channel-1 =
 * {@code index.json}, channel-2, channel-4, the aggregates [2, 4] and [4, 2]; pip is not added to python), with the
 * answers conda expects. Cases that update or remove from an existing prefix are not ported; where a conda test
 * begins with a fresh solve, that first solve is. conda's {@code ONLY_DEPS} is the solve minus the requested
 * packages. Default channel priority is conda's default, flexible; {@code CONDA_CHANNEL_PRIORITY=True/False} map to
 * flexible/disabled as in conda. Legacy {@code features}/{@code track_features} keep classic conda's meaning
 * (test_prune_1's first solve, test_features_solve_1; conda marks both xfail for libmamba and rattler).
 */
class CondaTestSolveTest {

    private static RepoIndex channel1() {
        return CondaTestIndex.index("channel-1");
    }

    private static RepoIndex channel4() {
        return CondaTestIndex.index("channel-4");
    }

    /** conda's get_solver_aggregate_1: channel-2 before channel-4. */
    private static RepoIndex aggregate1() {
        return CondaTestIndex.index("channel-2", "channel-4");
    }

    /** conda's get_solver_aggregate_2: channel-4 before channel-2. */
    private static RepoIndex aggregate2() {
        return CondaTestIndex.index("channel-4", "channel-2");
    }

    private static SolveResult cuda(String cuda, String... specs) {
        return solve(request(channel1(), specs).virtualPackages(virtualPackages(Map.of("CONDA_OVERRIDE_CUDA", cuda))));
    }

    private static final List<String> PYTHON_27_5 = List.of(
            "openssl-1.0.1c-0",
            "readline-6.2-0",
            "sqlite-3.7.13-0",
            "system-5.8-1",
            "tk-8.5.13-0",
            "zlib-1.2.7-0",
            "python-2.7.5-0");

    // ---- channel-1 -----------------------------------------------------------------------------------------------

    @Test
    void test_prune_1() {
        // accelerate tracks mkl: numpy, scipy, numexpr and scikit-learn take their mkl-featured builds.
        // One known difference, not about features: conda takes mkl-11.0-np16py27_p0 (build 0, numexpr 2.1) where we
        // take build 1 (p1, numexpr 2.0.1): conda's objective weighs the versions of all dependencies together before
        // any build number, our search takes a dependency's best build first.
        SolveResult r = solve(request(channel1(), "numpy=1.6", "python=2.7.3", "accelerate"));
        List<String> common = List.of(
                "libnvvm-1.0-p0",
                "mkl-rt-11.0-p0",
                "openssl-1.0.1c-0",
                "readline-6.2-0",
                "sqlite-3.7.13-0",
                "system-5.8-1",
                "tk-8.5.13-0",
                "zlib-1.2.7-0",
                "llvm-3.2-0",
                "python-2.7.3-7",
                "bitarray-0.8.1-py27_0",
                "llvmpy-0.11.2-py27_0",
                "meta-0.4.2.dev-py27_0",
                "mkl-service-1.0.0-py27_p0",
                "numpy-1.6.2-py27_p4",
                "numba-0.8.1-np16py27_0",
                "scipy-0.12.0-np16py27_p0",
                "numbapro-0.11.0-np16py27_p0",
                "scikit-learn-0.13.1-np16py27_p0",
                "accelerate-1.1.0-np16py27_p0");
        List<String> ours = new java.util.ArrayList<>(common);
        ours.add("mkl-11.0-np16py27_p1");
        ours.add("numexpr-2.0.1-np16py27_p3");
        assertDists(ours, r);
        for (PackageRecord rec : r.records()) {
            if (List.of("numpy", "scipy", "numexpr", "scikit-learn", "mkl-rt").contains(rec.name())) {
                assertEquals(List.of("mkl"), rec.features(), rec.dist());
            }
        }
    }

    @Test
    void test_solve_1() {
        SolveResult r = solve(request(channel1(), "numpy"));
        // conda's exact order: dependencies first, ties by name
        assertEquals(
                List.of(
                        "openssl-1.0.1c-0",
                        "readline-6.2-0",
                        "sqlite-3.7.13-0",
                        "system-5.8-1",
                        "tk-8.5.13-0",
                        "zlib-1.2.7-0",
                        "python-3.3.2-0",
                        "numpy-1.7.1-py33_0"),
                r.records().stream().map(PackageRecord::dist).toList());
    }

    @Test
    void test_solve_1_withPython2AsAFreshSolve() {
        assertDists(plus(PYTHON_27_5, "numpy-1.7.1-py27_0"), solve(request(channel1(), "numpy", "python=2")));
    }

    @Test
    void test_cuda_1() {
        assertDists(List.of("cudatoolkit-9.0-0"), cuda("9.2", "cudatoolkit"));
    }

    @Test
    void test_cuda_2() {
        assertDists(List.of("cudatoolkit-10.0-0"), cuda("10.0", "cudatoolkit"));
    }

    @Test
    void test_cuda_fail_1() {
        UnsatisfiableException e = unsat(request(channel1(), "cudatoolkit")
                .virtualPackages(virtualPackages(Map.of("CONDA_OVERRIDE_CUDA", "8.0"))));
        assertEquals(List.of("cudatoolkit"), e.conflictingSpecs());
        assertTrue(e.getMessage().contains("__cuda"), e.getMessage());
    }

    @Test
    void test_cuda_fail_2() {
        UnsatisfiableException e = unsat(
                request(channel1(), "cudatoolkit").virtualPackages(virtualPackages(Map.of("CONDA_OVERRIDE_CUDA", ""))));
        assertEquals(List.of("cudatoolkit"), e.conflictingSpecs());
        assertTrue(e.getMessage().contains("__cuda"), e.getMessage());
    }

    @Test
    void test_solve_msgs_exclude_vp() {
        UnsatisfiableException e = unsat(request(channel1(), "python =2.7.5", "readline =5.0")
                .virtualPackages(virtualPackages(Map.of("CONDA_OVERRIDE_CUDA", "10.0"))));
        assertFalse(e.getMessage().contains("__cuda"), e.getMessage());
        assertTrue(e.getMessage().contains("readline"), e.getMessage());
    }

    @Test
    void test_cuda_constrain_absent() {
        assertDists(List.of("cuda-constrain-11.0-0"), cuda("", "cuda-constrain"));
    }

    @Test
    void test_cuda_constrain_sat() {
        // skipped in conda as "known broken"; the answer it states is the right one
        assertDists(List.of("cuda-constrain-10.0-0"), cuda("10.0", "cuda-constrain"));
    }

    @Test
    void test_cuda_constrain_unsat() {
        UnsatisfiableException e = unsat(request(channel1(), "cuda-constrain")
                .virtualPackages(virtualPackages(Map.of("CONDA_OVERRIDE_CUDA", "8.0"))));
        assertEquals(List.of("cuda-constrain"), e.conflictingSpecs());
        assertTrue(e.getMessage().contains("cuda-constrain"), e.getMessage());
    }

    @Test
    void test_cuda_glibc_sat() {
        SolveResult r = solve(request(channel1(), "cuda-glibc")
                .virtualPackages(
                        virtualPackages(Map.of("CONDA_OVERRIDE_CUDA", "10.0", "CONDA_OVERRIDE_GLIBC", "2.23"))));
        assertDists(List.of("cuda-glibc-10.0-0"), r);
    }

    @Test
    void test_cuda_glibc_unsat_depend() {
        UnsatisfiableException e = unsat(request(channel1(), "cuda-glibc")
                .virtualPackages(
                        virtualPackages(Map.of("CONDA_OVERRIDE_CUDA", "8.0", "CONDA_OVERRIDE_GLIBC", "2.23"))));
        assertTrue(e.getMessage().contains("__cuda"), e.getMessage());
    }

    @Test
    void test_cuda_glibc_unsat_constrain() {
        UnsatisfiableException e = unsat(request(channel1(), "cuda-glibc")
                .virtualPackages(
                        virtualPackages(Map.of("CONDA_OVERRIDE_CUDA", "10.0", "CONDA_OVERRIDE_GLIBC", "2.12"))));
        assertEquals(List.of("cuda-glibc"), e.conflictingSpecs());
        assertTrue(e.getMessage().contains("cuda-glibc"), e.getMessage());
    }

    @Test
    void test_force_remove_1() {
        assertDists(
                plus(PYTHON_27_5, "numpy-1.7.1-py27_0"), solve(request(channel1(), "numpy[version=*,build=*py27*]")));
    }

    @Test
    void test_no_deps_1() {
        assertDists(PYTHON_27_5, solve(request(channel1(), "python=2")));
    }

    @Test
    void test_no_deps_1_numbaAsAFreshSolve() {
        assertDists(
                plus(
                        PYTHON_27_5,
                        "llvm-3.2-0",
                        "llvmpy-0.11.2-py27_0",
                        "meta-0.4.2.dev-py27_0",
                        "numpy-1.7.1-py27_0",
                        "numba-0.8.1-np17py27_0"),
                solve(request(channel1(), "python=2", "numba")));
    }

    @Test
    void test_only_deps_1() {
        SolveResult r = solve(request(channel1(), "numba[version=*,build=*py27*]"));
        assertEquals("numba-0.8.1-np17py27_0", r.record("numba").dist());
        assertDists(
                plus(
                        PYTHON_27_5,
                        "llvm-3.2-0",
                        "llvmpy-0.11.2-py27_0",
                        "meta-0.4.2.dev-py27_0",
                        "numpy-1.7.1-py27_0",
                        "numba-0.8.1-np17py27_0"),
                r);
    }

    @Test
    void test_only_deps_2() {
        assertDists(
                List.of(
                        "openssl-1.0.1c-0",
                        "readline-6.2-0",
                        "sqlite-3.7.13-0",
                        "system-5.8-1",
                        "tk-8.5.13-0",
                        "zlib-1.2.7-0",
                        "python-2.7.3-7",
                        "numpy-1.5.1-py27_4"),
                solve(request(channel1(), "numpy=1.5", "python=2.7.3")));
        SolveResult numba = solve(request(channel1(), "numba=0.5"));
        assertDists(
                plus(
                        PYTHON_27_5,
                        "llvm-3.2-0",
                        "llvmpy-0.10.0-py27_0",
                        "meta-0.4.2.dev-py27_0",
                        "nose-1.3.0-py27_0",
                        "numpy-1.7.1-py27_0",
                        numba.record("numba").dist()),
                numba);
        assertEquals("numba-0.5.0-np17py27_0", numba.record("numba").dist());
    }

    @Test
    void test_update_all_1() {
        assertDists(
                List.of(
                        "openssl-1.0.1c-0",
                        "readline-6.2-0",
                        "sqlite-3.7.13-0",
                        "system-5.8-0",
                        "tk-8.5.13-0",
                        "zlib-1.2.7-0",
                        "python-2.6.8-6",
                        "numpy-1.5.1-py26_4"),
                solve(request(channel1(), "numpy=1.5", "python=2.6", "system[version=*,build=*0]")));
    }

    @Test
    void test_broken_install() {
        assertDists(
                plus(
                        PYTHON_27_5,
                        "numpy-1.6.2-py27_4",
                        "pytz-2013b-py27_0",
                        "six-1.3.0-py27_0",
                        "dateutil-2.1-py27_1",
                        "scipy-0.12.0-np16py27_0",
                        "pandas-0.11.0-np16py27_1"),
                solve(request(channel1(), "pandas=0.11.0=np16py27_1", "python=2.7")));
    }

    @Test
    void test_auto_update_conda() {
        assertDists(
                plus(PYTHON_27_5, "yaml-0.1.4-0", "pyyaml-3.10-py27_0", "conda-1.3.5-py27_0"),
                solve(request(channel1(), "conda=1.3")));
    }

    @Test
    void test_aggressive_update_packages() {
        assertDists(List.of("libpng-1.2.50-0"), solve(request(channel1(), "libpng=1.2")));
    }

    @Test
    void test_update_deps_1() {
        assertDists(
                List.of(
                        "openssl-1.0.1c-0",
                        "readline-6.2-0",
                        "sqlite-3.7.13-0",
                        "system-5.8-1",
                        "tk-8.5.13-0",
                        "zlib-1.2.7-0",
                        "python-2.7.3-7",
                        "nose-1.3.0-py27_0",
                        "numpy-1.7.0-py27_0"),
                solve(request(channel1(), "numpy=1.7.0", "python=2.7.3")));
    }

    @Test
    void test_no_update_deps_1() {
        // the fresh equivalents: zope.interface with python=2, and with python free to float
        assertDists(
                plus(PYTHON_27_5, "nose-1.3.0-py27_0", "zope.interface-4.0.5-py27_0"),
                solve(request(channel1(), "python=2", "zope.interface")));
        unsat(request(channel1(), "python=2", "zope.interface>4.1"));
        assertDists(
                List.of(
                        "openssl-1.0.1c-0",
                        "readline-6.2-0",
                        "sqlite-3.7.13-0",
                        "system-5.8-1",
                        "tk-8.5.13-0",
                        "zlib-1.2.7-0",
                        "python-3.3.2-0",
                        "nose-1.3.0-py33_0",
                        "zope.interface-4.1.1.1-py33_0"),
                solve(request(channel1(), "zope.interface>4.1", "python")));
    }

    @Test
    void test_pinned_1() {
        List<MatchSpec> pins = List.of(MatchSpec.parse("python=2.6"), MatchSpec.parse("iopro<=1.4.2"));
        assertDists(
                List.of("system-5.8-0"),
                solve(request(channel1(), "system=5.8=0").pinned(pins)));
        assertDists(
                List.of(
                        "openssl-1.0.1c-0",
                        "readline-6.2-0",
                        "sqlite-3.7.13-0",
                        "system-5.8-1",
                        "tk-8.5.13-0",
                        "zlib-1.2.7-0",
                        "python-2.6.8-6"),
                solve(request(channel1(), "python").pinned(pins)));
        assertDists(
                List.of(
                        "openssl-1.0.1c-0",
                        "readline-6.2-0",
                        "sqlite-3.7.13-0",
                        "system-5.8-1",
                        "tk-8.5.13-0",
                        "zlib-1.2.7-0",
                        "python-3.3.2-0"),
                solve(request(channel1(), "python")));
        // conda: SpecsConfigurationConflictError(requested scikit-learn==0.13, pinned python=2.6)
        UnsatisfiableException e =
                unsat(request(channel1(), "scikit-learn==0.13").pinned(pins));
        assertTrue(e.getMessage().contains("scikit-learn==0.13"), e.getMessage());
        assertTrue(e.getMessage().contains("python=2.6") || e.getMessage().contains("python 2.6"), e.getMessage());
        assertDists(
                List.of(
                        "openssl-1.0.1c-0",
                        "readline-6.2-0",
                        "sqlite-3.7.13-0",
                        "system-5.8-1",
                        "tk-8.5.13-0",
                        "zlib-1.2.7-0",
                        "llvm-3.2-0",
                        "python-2.6.8-6",
                        "argparse-1.2.1-py26_0",
                        "llvmpy-0.11.2-py26_0",
                        "numpy-1.7.1-py26_0",
                        "numba-0.8.1-np17py26_0"),
                solve(request(channel1(), "numba").pinned(pins)));
    }

    @Test
    void test_downgrade_python_prevented_with_sane_message() {
        assertDists(
                List.of(
                        "openssl-1.0.1c-0",
                        "readline-6.2-0",
                        "sqlite-3.7.13-0",
                        "system-5.8-1",
                        "tk-8.5.13-0",
                        "zlib-1.2.7-0",
                        "python-2.6.8-6"),
                solve(request(channel1(), "python=2.6")));
        UnsatisfiableException e = unsat(request(channel1(), "python=2.6", "scikit-learn==0.13"));
        assertEquals(List.of("python=2.6", "scikit-learn==0.13"), e.conflictingSpecs());
        assertTrue(e.getMessage().contains("python 2.7") || e.getMessage().contains("python=2.7"), e.getMessage());
        UnsatisfiableException chain = unsat(request(channel1(), "python=2.6", "unsatisfiable-with-py26"));
        assertEquals(List.of("python=2.6", "unsatisfiable-with-py26"), chain.conflictingSpecs());
        assertTrue(chain.getMessage().contains("scikit-learn"), chain.getMessage());
    }

    // ---- channel-4 -----------------------------------------------------------------------------------------------

    @Test
    void test_python2_update() {
        assertDists(
                List.of(
                        "ca-certificates-2018.03.07-0",
                        "conda-env-2.6.0-1",
                        "libgcc-ng-8.2.0-hdf63c60_0",
                        "libstdcxx-ng-8.2.0-hdf63c60_0",
                        "libffi-3.2.1-hd88cf55_4",
                        "ncurses-6.1-hf484d3e_0",
                        "openssl-1.0.2p-h14c3975_0",
                        "tk-8.6.7-hc745277_3",
                        "yaml-0.1.7-had09818_2",
                        "zlib-1.2.11-ha838bed_2",
                        "libedit-3.1.20170329-h6b74fdf_2",
                        "readline-7.0-ha6073c6_4",
                        "sqlite-3.24.0-h84994c4_0",
                        "python-2.7.15-h1571d57_0",
                        "asn1crypto-0.24.0-py27_0",
                        "certifi-2018.8.13-py27_0",
                        "chardet-3.0.4-py27_1",
                        "cryptography-vectors-2.3-py27_0",
                        "enum34-1.1.6-py27_1",
                        "futures-3.2.0-py27_0",
                        "idna-2.7-py27_0",
                        "ipaddress-1.0.22-py27_0",
                        "pycosat-0.6.3-py27h14c3975_0",
                        "pycparser-2.18-py27_1",
                        "pysocks-1.6.8-py27_0",
                        "ruamel_yaml-0.15.46-py27h14c3975_0",
                        "six-1.11.0-py27_1",
                        "cffi-1.11.5-py27h9745a5d_0",
                        "cryptography-2.3-py27hb7f436b_0",
                        "pyopenssl-18.0.0-py27_0",
                        "urllib3-1.23-py27_0",
                        "requests-2.19.1-py27_0",
                        "conda-4.5.10-py27_0"),
                solve(request(channel4(), "conda", "python=2")));
    }

    @Test
    void test_fast_update_with_update_modifier_not_set() {
        assertDists(
                List.of(
                        "ca-certificates-2018.03.07-0",
                        "libgcc-ng-8.2.0-hdf63c60_0",
                        "libstdcxx-ng-8.2.0-hdf63c60_0",
                        "libffi-3.2.1-hd88cf55_4",
                        "ncurses-6.0-h9df7e31_2",
                        "openssl-1.0.2l-h077ae2c_5",
                        "tk-8.6.7-hc745277_3",
                        "zlib-1.2.11-ha838bed_2",
                        "libedit-3.1-heed3624_0",
                        "readline-7.0-ha6073c6_4",
                        "sqlite-3.21.0-h1bed415_2",
                        "python-2.7.14-h89e7a4a_22"),
                solve(request(channel4(), "python=2", "openssl==1.0.2l", "sqlite=3.21")));
    }

    @Test
    void test_timestamps_1() {
        assertDists(
                List.of(
                        "ca-certificates-2018.03.07-0",
                        "libgcc-ng-8.2.0-hdf63c60_0",
                        "libstdcxx-ng-8.2.0-hdf63c60_0",
                        "libffi-3.2.1-hd88cf55_4",
                        "ncurses-6.0-h9df7e31_2",
                        "openssl-1.0.2p-h14c3975_0",
                        "tk-8.6.7-hc745277_3",
                        "xz-5.2.4-h14c3975_4",
                        "zlib-1.2.11-ha838bed_2",
                        "libedit-3.1-heed3624_0",
                        "readline-7.0-ha6073c6_4",
                        "sqlite-3.23.1-he433501_0",
                        "python-3.6.2-hca45abc_19"),
                solve(request(channel4(), "python=3.6.2")));
    }

    @Test
    void test_remove_with_constrained_dependencies() {
        assertDists(CONDA_BUILD_PY37, solve(request(channel4(), "conda", "conda-build")));
    }

    private static final List<String> CONDA_BUILD_PY37 = List.of(
            "ca-certificates-2018.03.07-0",
            "conda-env-2.6.0-1",
            "libgcc-ng-8.2.0-hdf63c60_0",
            "libstdcxx-ng-8.2.0-hdf63c60_0",
            "libffi-3.2.1-hd88cf55_4",
            "ncurses-6.1-hf484d3e_0",
            "openssl-1.0.2p-h14c3975_0",
            "patchelf-0.9-hf484d3e_2",
            "tk-8.6.7-hc745277_3",
            "xz-5.2.4-h14c3975_4",
            "yaml-0.1.7-had09818_2",
            "zlib-1.2.11-ha838bed_2",
            "libedit-3.1.20170329-h6b74fdf_2",
            "readline-7.0-ha6073c6_4",
            "sqlite-3.24.0-h84994c4_0",
            "python-3.7.0-hc3d631a_0",
            "asn1crypto-0.24.0-py37_0",
            "beautifulsoup4-4.6.3-py37_0",
            "certifi-2018.8.13-py37_0",
            "chardet-3.0.4-py37_1",
            "cryptography-vectors-2.3-py37_0",
            "filelock-3.0.4-py37_0",
            "glob2-0.6-py37_0",
            "idna-2.7-py37_0",
            "markupsafe-1.0-py37h14c3975_1",
            "pkginfo-1.4.2-py37_1",
            "psutil-5.4.6-py37h14c3975_0",
            "pycosat-0.6.3-py37h14c3975_0",
            "pycparser-2.18-py37_1",
            "pysocks-1.6.8-py37_0",
            "pyyaml-3.13-py37h14c3975_0",
            "ruamel_yaml-0.15.46-py37h14c3975_0",
            "six-1.11.0-py37_1",
            "cffi-1.11.5-py37h9745a5d_0",
            "setuptools-40.0.0-py37_0",
            "cryptography-2.3-py37hb7f436b_0",
            "jinja2-2.10-py37_0",
            "pyopenssl-18.0.0-py37_0",
            "urllib3-1.23-py37_0",
            "requests-2.19.1-py37_0",
            "conda-4.5.10-py37_0",
            "conda-build-3.12.1-py37_0");

    // ---- channel-2 -----------------------------------------------------------------------------------------------

    @Test
    void test_freeze_deps_1() {
        assertDists(
                List.of(
                        "openssl-1.0.2l-0",
                        "readline-6.2-2",
                        "sqlite-3.13.0-0",
                        "tk-8.5.18-0",
                        "xz-5.2.3-0",
                        "zlib-1.2.11-0",
                        "python-3.4.5-0",
                        "six-1.7.3-py34_0"),
                solve(request(CondaTestIndex.index("channel-2"), "six=1.7")));
    }

    // ---- aggregates ----------------------------------------------------------------------------------------------

    @Test
    void test_solve_2() {
        assertDists(
                List.of(
                        "mkl-2017.0.3-0",
                        "openssl-1.0.2l-0",
                        "readline-6.2-2",
                        "sqlite-3.13.0-0",
                        "tk-8.5.18-0",
                        "xz-5.2.3-0",
                        "zlib-1.2.11-0",
                        "python-3.6.2-0",
                        "numpy-1.13.1-py36_0"),
                solve(request(aggregate1(), "numpy")));
    }

    @Test
    void test_conda_downgrade() {
        SolveResult r = solve(request(aggregate1(), "conda-build").channelPriority(ChannelPriority.DISABLED));
        List<String> expected = new java.util.ArrayList<>(CONDA_BUILD_PY37);
        expected.removeAll(List.of("conda-env-2.6.0-1", "libffi-3.2.1-hd88cf55_4", "zlib-1.2.11-ha838bed_2"));
        expected.addAll(List.of("conda-env-2.6.0-0", "libffi-3.2.1-1", "zlib-1.2.11-0"));
        assertDists(expected, r);
        SuiteSupport.assertChannel("channel-2", "conda-env-2.6.0-0", r);
        SuiteSupport.assertChannel("channel-2", "zlib-1.2.11-0", r);
        SuiteSupport.assertChannel("channel-4", "conda-build-3.12.1-py37_0", r);
    }

    @Test
    void test_priority_1() {
        assertDists(
                List.of(
                        "mkl-2017.0.3-0",
                        "openssl-1.0.2l-0",
                        "readline-6.2-2",
                        "sqlite-3.13.0-0",
                        "tk-8.5.18-0",
                        "zlib-1.2.11-0",
                        "python-2.7.13-0",
                        "numpy-1.13.1-py27_0",
                        "pytz-2017.2-py27_0",
                        "six-1.10.0-py27_0",
                        "python-dateutil-2.6.1-py27_0",
                        "pandas-0.20.3-py27_0"),
                solve(request(aggregate1(), "pandas", "python=2.7")));
        // CONDA_CHANNEL_PRIORITY=False: python and pandas come from channel-4
        SolveResult open =
                solve(request(aggregate1(), "pandas", "python=2.7").channelPriority(ChannelPriority.DISABLED));
        assertEquals("python-2.7.15-h1571d57_0", open.record("python").dist());
        assertEquals("pandas-0.23.4-py27h04863e7_0", open.record("pandas").dist());
    }

    @Test
    void test_features_solve_1() {
        // CONDA_CHANNEL_PRIORITY=True: nomkl tracks the nomkl feature, so numpy's build that carries it wins
        assertDists(
                List.of(
                        "nomkl-1.0-0",
                        "libgfortran-3.0.0-1",
                        "openssl-1.0.2l-0",
                        "readline-6.2-2",
                        "sqlite-3.13.0-0",
                        "tk-8.5.18-0",
                        "zlib-1.2.11-0",
                        "openblas-0.2.19-0",
                        "python-2.7.13-0",
                        "numpy-1.13.1-py27_nomkl_0"),
                solve(request(aggregate1(), "python=2.7", "numpy", "nomkl")));
        SolveResult open =
                solve(request(aggregate1(), "python=2.7", "numpy", "nomkl").channelPriority(ChannelPriority.DISABLED));
        assertDists(
                List.of(
                        "blas-1.0-openblas",
                        "ca-certificates-2018.03.07-0",
                        "libffi-3.2.1-1",
                        "libgcc-ng-8.2.0-hdf63c60_0",
                        "libgfortran-ng-7.2.0-hdf63c60_3",
                        "libstdcxx-ng-8.2.0-hdf63c60_0",
                        "zlib-1.2.11-0",
                        "libopenblas-0.2.20-h9ac9557_7",
                        "ncurses-6.1-hf484d3e_0",
                        "nomkl-3.0-0",
                        "openssl-1.0.2p-h14c3975_0",
                        "tk-8.6.7-hc745277_3",
                        "libedit-3.1.20170329-h6b74fdf_2",
                        "readline-7.0-ha6073c6_4",
                        "sqlite-3.24.0-h84994c4_0",
                        "python-2.7.15-h1571d57_0",
                        "numpy-base-1.15.0-py27h7cdd4dd_0",
                        "numpy-1.15.0-py27h2aefc1b_0"),
                open);
        SuiteSupport.assertChannel("channel-2", "libffi-3.2.1-1", open);
    }

    @Test
    void test_update_deps_2() {
        SolveResult r = solve(request(aggregate2(), "flask==0.12", "jinja2==2.8"));
        assertDists(
                List.of(
                        "ca-certificates-2018.03.07-0",
                        "libgcc-ng-8.2.0-hdf63c60_0",
                        "libstdcxx-ng-8.2.0-hdf63c60_0",
                        "libffi-3.2.1-hd88cf55_4",
                        "ncurses-6.1-hf484d3e_0",
                        "openssl-1.0.2p-h14c3975_0",
                        "tk-8.6.7-hc745277_3",
                        "xz-5.2.4-h14c3975_4",
                        "zlib-1.2.11-ha838bed_2",
                        "libedit-3.1.20170329-h6b74fdf_2",
                        "readline-7.0-ha6073c6_4",
                        "sqlite-3.24.0-h84994c4_0",
                        "python-3.6.6-hc3d631a_0",
                        "certifi-2018.8.13-py36_0",
                        "click-6.7-py36_0",
                        "itsdangerous-0.24-py36_1",
                        "markupsafe-1.0-py36h14c3975_1",
                        "werkzeug-0.14.1-py36_0",
                        "setuptools-40.0.0-py36_0",
                        "jinja2-2.8-py36_1",
                        "flask-0.12-py36_0"),
                r);
        SuiteSupport.assertChannel("channel-2", "jinja2-2.8-py36_1", r);
        SuiteSupport.assertChannel("channel-2", "flask-0.12-py36_0", r);
    }
}
