package io.terrarium.conda.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Match specs: every grammar form, and the cases of conda's {@code tests/models/test_match_spec.py}. */
class MatchSpecTest {

    private static String m(String spec) {
        return MatchSpec.parse(spec).toString();
    }

    /** conda's DPkg helper: a record from a dist file name, build number taken from the build string. */
    private static PackageRecord dpkg(String fn) {
        Dist dist = Dist.ofFileName(fn).orElseThrow();
        String build = dist.build();
        return PackageRecord.builder(dist.name(), dist.version())
                .build(build)
                .buildNumber(Long.parseLong(build.substring(build.lastIndexOf('_') + 1)))
                .channel("https://repo.anaconda.com/pkgs/main")
                .subdir("linux-64")
                .fn(fn)
                .md5("012345789")
                .build();
    }

    private static PackageRecord record(String name, String version, String build, long buildNumber) {
        return PackageRecord.builder(name, version)
                .build(build)
                .buildNumber(buildNumber)
                .build();
    }

    @Test
    void condaMatchTable() {
        Object[][] table = {
            {"numpy 1.7*", true},
            {"numpy 1.7.1", true},
            {"numpy 1.7", false},
            {"numpy 1.5*", false},
            {"numpy >=1.5", true},
            {"numpy >=1.5,<2", true},
            {"numpy >=1.8,<1.9", false},
            {"numpy >1.5,<2,!=1.7.1", false},
            {"numpy >1.8,<2|==1.7", false},
            {"numpy >1.8,<2|>=1.7.1", true},
            {"numpy >=1.8|1.7*", true},
            {"numpy ==1.7", false},
            {"numpy >=1.5,>1.6", true},
            {"numpy ==1.7.1", true},
            {"numpy ==1.7.1.0", true},
            {"numpy==1.7.1.0.0", true},
            {"numpy >=1,*.7.*", true},
            {"numpy *.7.*,>=1", true},
            {"numpy >=1,*.8.*", false},
            {"numpy >=2,*.7.*", false},
            {"numpy 1.6*|1.7*", true},
            {"numpy 1.6*|1.8*", false},
            {"numpy 1.6.2|1.7*", true},
            {"numpy 1.6.2|1.7.1", true},
            {"numpy 1.6.2|1.7.0", false},
            {"numpy 1.7.1 py27_0", true},
            {"numpy 1.7.1 py26_0", false},
            {"numpy >1.7.1a", true},
            {"python", false},
        };
        PackageRecord numpy = dpkg("numpy-1.7.1-py27_0.tar.bz2");
        for (Object[] row : table) {
            MatchSpec spec = MatchSpec.parse((String) row[0]);
            assertEquals(row[1], spec.matches(numpy), (String) row[0]);
            assertTrue(spec.name().equals("python") || spec.version() != null, (String) row[0]);
        }
        assertFalse(MatchSpec.parse("numpy >=1.0.1").matches(dpkg("numpy-1.0.1a-0.tar.bz2")));
        assertFalse(MatchSpec.parse("numpy >=1.0.1.vc11").matches(dpkg("numpy-1.0.1a.vc11-0.tar.bz2")));
        assertTrue(MatchSpec.parse("numpy >=1.0.1*.vc11").matches(dpkg("numpy-1.0.1a.vc11-0.tar.bz2")));
        assertTrue(MatchSpec.parse("numpy <1.0.1").matches(dpkg("numpy-1.0.1.vc11-0.tar.bz2")));
        assertTrue(MatchSpec.parse("numpy <1.0.1").matches(dpkg("numpy-1.0.1a.vc11-0.tar.bz2")));
        assertFalse(MatchSpec.parse("numpy >=1.0.1.vc11").matches(dpkg("numpy-1.0.1a-0.tar.bz2")));
        assertTrue(MatchSpec.parse("numpy >=1.0.1a").matches(dpkg("numpy-1.0.1z-0.tar.bz2")));
        assertTrue(MatchSpec.parse("numpy >=1.0.1a py27*").matches(dpkg("numpy-1.0.1z-py27_1.tar.bz2")));
        assertTrue(MatchSpec.parse("blas * openblas_0").matches(dpkg("blas-1.0-openblas_0.tar.bz2")));
    }

    @Test
    void nameOnly() {
        assertTrue(MatchSpec.parse("blas").isNameOnly());
        assertFalse(MatchSpec.parse("blas 1.0").isNameOnly());
        assertFalse(MatchSpec.parse("blas 1.0 1").isNameOnly());
        assertFalse(MatchSpec.parse("*").isNameOnly());
        assertFalse(MatchSpec.parse("conda-forge::blas").isNameOnly());
        assertFalse(MatchSpec.parse("py*").isNameOnly());
        assertNull(MatchSpec.parse("*").name());
        assertEquals("numpy", MatchSpec.parse("numpy").name());
    }

    @Test
    void equalityFollowsCanonicalForm() {
        assertEquals(MatchSpec.parse("numpy 1.7*"), MatchSpec.parse("numpy 1.7*"));
        assertEquals(MatchSpec.parse("numpy 1.7*"), MatchSpec.parse("numpy=1.7"));
        assertEquals(
                MatchSpec.parse("numpy 1.7*").hashCode(),
                MatchSpec.parse("numpy=1.7").hashCode());
        assertEquals(MatchSpec.parse("python 2.7.4"), MatchSpec.parse("python[version=2.7.4]"));
        assertTrue(!MatchSpec.parse("python").equals(MatchSpec.parse("python 2.7.4")));
    }

    @ParameterizedTest
    @CsvSource(
            delimiterString = " => ",
            value = {
                "numpy => numpy",
                "numpy=1.7 => numpy=1.7",
                "numpy 1.7* => numpy=1.7",
                "numpy 1.7.* => numpy=1.7",
                "numpy[version='1.7*'] => numpy=1.7",
                "numpy[version='1.7.*'] => numpy=1.7",
                "numpy[version=1.7.*] => numpy=1.7",
                "numpy==1.7 => numpy==1.7",
                "numpy[version='1.7'] => numpy==1.7",
                "numpy[version=1.7] => numpy==1.7",
                "numpy 1.7 => numpy==1.7",
                "numpy[version='1.7|1.8'] => numpy[version='1.7|1.8']",
                "numpy[version=\"1.7,1.8\"] => numpy[version='1.7,1.8']",
                "numpy >1.7 => numpy[version='>1.7']",
                "numpy>=1.7 => numpy[version='>=1.7']",
                "numpy=1.7=py3*_2 => numpy==1.7[build=py3*_2]",
                "numpy=1.7.*=py3*_2 => numpy=1.7[build=py3*_2]",
                "https://repo.anaconda.com/pkgs/free::numpy => pkgs/free::numpy",
                "numpy[channel=https://repo.anaconda.com/pkgs/free] => pkgs/free::numpy",
                "defaults::numpy => defaults::numpy",
                "numpy[channel=defaults] => defaults::numpy",
                "conda-forge::numpy => conda-forge::numpy",
                "numpy[channel=conda-forge] => conda-forge::numpy",
                "numpy[channel=defaults,subdir=osx-64] => defaults/osx-64::numpy",
                "numpy[channel=https://repo.anaconda.com/pkgs/free/osx-64, subdir=linux-64] => pkgs/free/linux-64::numpy",
                "https://repo.anaconda.com/pkgs/free/win-32::numpy => pkgs/free/win-32::numpy",
                "numpy[channel=https://repo.anaconda.com/pkgs/free/osx-64] => pkgs/free/osx-64::numpy",
                "defaults/win-32::numpy => defaults/win-32::numpy",
                "conda-forge/linux-64::numpy => conda-forge/linux-64::numpy",
                "numpy[channel=conda-forge,subdir=noarch] => conda-forge/noarch::numpy",
                "numpy[subdir=win-32] => numpy[subdir=win-32]",
                "*/win-32::numpy => numpy[subdir=win-32]",
                "*/win-32::numpy[subdir=\"osx-64\"] => numpy[subdir=osx-64]",
                "https://repo.anaconda.com/pkgs/free/linux-32::numpy => pkgs/free/linux-32::numpy",
                "numpy=1.10=py38_0 => numpy==1.10=py38_0",
                "numpy==1.10=py38_0 => numpy==1.10=py38_0",
                "numpy[version=1.10 build=py38_0] => numpy==1.10=py38_0",
                "numpy!=1.10 => numpy!=1.10",
                "numpy !=1.10 => numpy!=1.10",
                "numpy!=1.10 py38_0 => numpy[version='!=1.10',build=py38_0]",
                "numpy !=1.10 py38_0 => numpy[version='!=1.10',build=py38_0]",
                "numpy!=1.10=py38_0 => numpy[version='!=1.10',build=py38_0]",
                "numpy !=1.10=py38_0 => numpy[version='!=1.10',build=py38_0]",
                "numpy >1.7,!=1.10 py38_0 => numpy[version='>1.7,!=1.10',build=py38_0]",
                "numpy!=1.10.* => numpy!=1.10.*",
                "numpy!=1.10,!=1.11 => numpy[version='!=1.10,!=1.11']",
                "numpy=1.10.*,!=1.10.2 => numpy[version='=1.10.*,!=1.10.2']",
                "numpy ~=1.10.1 => numpy~=1.10.1",
                "numpy~=1.10.1 => numpy~=1.10.1",
                "numpy ~=1.10.1 py38_0 => numpy[version='~=1.10.1',build=py38_0]",
                "openssl=1.1.1_ => openssl=1.1.1_",
                "openssl>=1.1.1_,!=1.1.1c => openssl[version='>=1.1.1_,!=1.1.1c']",
                "name[version=*,build=*py27*] => name[build=*py27*]",
                "name[version=*] => name",
                "conda-forge::name[version=*] => conda-forge::name",
                "name[version=1.2.*,build=*py27*] => name=1.2[build=*py27*]",
                "name[version=1.*] => name=1",
                "name[version=*,build_number=3] => name[build_number=3]",
                "mkl@ => *[track_features=mkl]",
                "*[features=mkl] => *[features=mkl]",
                "pkgs/main::* => pkgs/main::*",
                "defaults::* => defaults::*",
                "python => python",
                "python=2.6 => python=2.6",
                "python=2.6* => python=2.6",
                "ipython=0.13.2 => ipython=0.13.2",
                "ipython=0.13.0 => ipython=0.13.0",
                "ipython==0.13.0 => ipython==0.13.0",
                "foo=1.3.0=3 => foo==1.3.0=3",
                "foo>=1.3 => foo[version='>=1.3']",
                "zope.int>=1.3,<3.0 => zope.int[version='>=1.3,<3.0']",
                "numpy >=1.9 => numpy[version='>=1.9']",
                "FOO-Bar >=1.0 => foo-bar[version='>=1.0']",
                "foo >= 1.0 => foo[version='>=1.0']",
                "foo >=1.0 , < 2.0 => foo[version='>=1.0,<2.0']",
                "foo # comment => foo",
                "foo ## comment => foo",
                "foo=1.0=2 => foo==1.0=2",
                "conda-forge::foo[build=3](target=blarg,optional) => conda-forge::foo[build=3]",
                "numpy[md5=abc, sha256=def] => numpy[md5=abc,sha256=def]",
                "numpy[license='BSD 3-Clause'] => numpy[license='BSD 3-Clause']",
                "numpy[track_features='mkl debug'] => numpy[track_features='debug mkl']",
                "numpy 1.8 py27_0 if python <3 => numpy==1.8=py27_0",
                "numpy[version=\"=2\"] => numpy=2",
                "awscli==2.15.37 => awscli==2.15.37",
                "awscli==2.15.37=wghq => awscli==2.15.37=wghq",
            })
    void canonicalStringForms(String spec, String expected) {
        assertEquals(expected, m(spec));
        assertEquals(expected, m(expected), "the canonical form reads back to itself");
    }

    @Test
    void tarballSpecs() {
        String url =
                "https://conda.anaconda.org/conda-canary/linux-64/conda-4.3.21.post699+1dab973-py36h4a561cd_0.tar.bz2";
        MatchSpec spec = MatchSpec.parse(url);
        assertEquals("conda-canary/linux-64::conda==4.3.21.post699+1dab973=py36h4a561cd_0", spec.toString());
        assertEquals("conda", spec.name());
        assertEquals("linux-64", spec.subdir());
        assertEquals("https://conda.anaconda.org/conda-canary", spec.channel());
        assertEquals("conda-4.3.21.post699+1dab973-py36h4a561cd_0.tar.bz2", spec.fn());
        assertEquals(url, spec.url());
        assertEquals("py36h4a561cd_0", spec.build());

        String condaUrl = url.replace(".tar.bz2", ".conda");
        assertEquals(
                "conda-4.3.21.post699+1dab973-py36h4a561cd_0.conda",
                MatchSpec.parse(condaUrl).fn());

        String noSubdir = "https://conda.anaconda.org/conda-canary/conda-4.3.21.post699+1dab973-py36h4a561cd_0.tar.bz2";
        assertEquals("*[url=" + noSubdir + "]", m(noSubdir));
        PackageRecord rec = PackageRecord.builder("conda", "4.3.21.post699+1dab973")
                .build("py36h4a561cd_0")
                .fn("conda-4.3.21.post699+1dab973-py36h4a561cd_0.tar.bz2")
                .url(noSubdir)
                .build();
        assertTrue(MatchSpec.parse(noSubdir).matches(rec));
        assertTrue(MatchSpec.parse(m(noSubdir)).matches(rec));
        assertFalse(MatchSpec.parse("*[url=" + noSubdir + ", md5=1234]").matches(rec));
        assertTrue(MatchSpec.parse("*[url=" + noSubdir + ", md5=1234]")
                .matches(rec.toBuilder().md5("1234").build()));

        String spaced = "file:///var/folders/T/edfc ñçêáôß/flask-0.10.1-py35_2.tar.bz2";
        assertEquals("*[url='" + spaced + "']", m(spaced));
        assertEquals(
                "*[url=file:///some/file/on/disk/package-1.2.3-2.tar.bz2]",
                m("/some/file/on/disk/package-1.2.3-2.tar.bz2"));

        String encoded = "https://anaconda.org/conda-forge/linux-64/x264-1%21164.3095-h166bdaf_2.tar.bz2";
        String plain = "https://anaconda.org/conda-forge/linux-64/x264-1!164.3095-h166bdaf_2.tar.bz2";
        assertEquals(MatchSpec.parse(plain).version(), MatchSpec.parse(encoded).version());
    }

    @Test
    void channelMatching() {
        PackageRecord main = dpkg("python-3.5.1-0.tar.bz2");
        PackageRecord forge = main.toBuilder()
                .channel("https://conda.anaconda.org/conda-forge/")
                .build();
        PackageRecord local = main.toBuilder().channel("file:///tmp/ch").build();
        assertTrue(MatchSpec.parse("defaults::python").matches(main));
        assertTrue(MatchSpec.parse("pkgs/main::python").matches(main));
        assertTrue(
                MatchSpec.parse("https://repo.anaconda.com/pkgs/main::python").matches(main));
        assertTrue(
                MatchSpec.parse("https://repo.anaconda.com/pkgs/main/::python").matches(main));
        assertFalse(MatchSpec.parse("conda-forge::python").matches(main));
        assertFalse(MatchSpec.parse("defaults::python").matches(forge));
        assertTrue(MatchSpec.parse("conda-forge::python").matches(forge));
        assertTrue(MatchSpec.parse("https://conda.anaconda.org/conda-forge::python")
                .matches(forge));
        assertFalse(MatchSpec.parse("forge::python").matches(forge), "a name matches whole path segments");
        assertTrue(MatchSpec.parse("ch::python").matches(local));
        assertTrue(MatchSpec.parse("file:///tmp/ch::python").matches(local));
        assertTrue(MatchSpec.parse("python[channel='file:///tmp/ch']").matches(local));
        assertTrue(MatchSpec.parse("conda-*::python").matches(forge));
        assertTrue(MatchSpec.parse("*::python").matches(local));
        assertTrue(MatchSpec.parse("conda-forge/linux-64::python").matches(forge));
        assertFalse(MatchSpec.parse("conda-forge/osx-64::python").matches(forge));
        assertTrue(MatchSpec.parse("*/linux-64::python").matches(local));
        assertFalse(MatchSpec.parse("python[subdir=noarch]").matches(local));
        assertFalse(MatchSpec.parse("conda-forge::python")
                .matches(PackageRecord.builder("python", "3.5").build()));
    }

    @Test
    void channelAndSubdirAccessors() {
        MatchSpec s = MatchSpec.parse("conda-forge/linux-32::foo>=1.0");
        assertEquals("conda-forge", s.channel());
        assertEquals("linux-32", s.subdir());
        assertEquals("foo", s.name());
        assertEquals(">=1.0", s.version().toString());
        s = MatchSpec.parse("*/linux-32::foo>=1.0");
        assertNull(s.channel());
        assertEquals("linux-32", s.subdir());
        s = MatchSpec.parse("conda-forge/label/dev::foo");
        assertEquals("conda-forge/label/dev", s.channel(), "a last segment that is no subdir stays in the channel");
        assertNull(s.subdir());
        s = MatchSpec.parse("defaults::numpy 1.8 py27_0[channel=anaconda]");
        assertEquals("anaconda", s.channel());
        assertEquals("1.8", s.version().toString());
        assertEquals("py27_0", s.build());
    }

    @Test
    void bracketValuesOverridePositionalOnes() {
        MatchSpec s = MatchSpec.parse("defaults::numpy=1.8=py27_0 [channel=anaconda,version=1.9, build=3]");
        assertEquals("anaconda", s.channel());
        assertEquals("1.9", s.version().toString());
        assertEquals("3", s.build());
        s = MatchSpec.parse("defaults::numpy=1.8=py27_0 [channel='anaconda',version=\">=1.8,<2|1.9\", build='3']");
        assertEquals(">=1.8,<2|1.9", s.version().toString());
        s = MatchSpec.parse("tensorflow[name=* version=* md5=253b922ecdb5a30884875948b8904983]");
        assertEquals("tensorflow", s.name(), "a name in brackets never replaces the one outside");
        assertEquals("253b922ecdb5a30884875948b8904983", s.md5());
        assertEquals("tensorflow", MatchSpec.parse("tensorflow[name=pytorch]").name());
        s = MatchSpec.parse(
                "defaults::numpy=1.8=py27_0 [name=\"pytorch\" channel='anaconda',version=\">=1.8,<2|1.9\", build='3']");
        assertEquals("numpy", s.name());
        assertEquals("3", s.build());
        s = MatchSpec.parse("numpy[build_string=py27_0]");
        assertEquals("py27_0", s.build());
    }

    @Test
    void versionAndBuildSplitLikeConda() {
        assertSpec("numpy", "numpy", null, null);
        assertSpec("numpy=", "numpy", null, null);
        assertSpec("defaults::numpy=1.8", "numpy", "1.8.*", null);
        assertSpec("defaults::numpy =1.8", "numpy", "1.8.*", null);
        assertSpec("defaults::numpy=1.8=py27_0", "numpy", "1.8", "py27_0");
        assertSpec("defaults::numpy 1.8 py27_0", "numpy", "1.8", "py27_0");
        assertSpec("numpy =1.8 py27_0", "numpy", "1.8", "py27_0");
        assertSpec("* 2.7.4", null, "2.7.4", null);
        assertSpec("* >=1.3 2", null, ">=1.3", "2");
        assertSpec("* 1 *", null, "1", "*");
        assertSpec("* * openblas_0", null, "*", "openblas_0");
        assertSpec("* * *", null, "*", "*");
        assertSpec("* *", null, "*", null);
        assertSpec("numpy==1.7", "numpy", "1.7", null);
        assertSpec("numpy ==1.7", "numpy", "1.7", null);
        assertSpec("numpy=1.7", "numpy", "1.7.*", null);
        assertSpec("numpy =1.7", "numpy", "1.7.*", null);
        assertSpec("numpy !=1.7", "numpy", "!=1.7", null);
        assertSpec("numpy~=1.7.1", "numpy", "~=1.7.1", null);
        assertSpec("numpy>1.8,<2|==1.7", "numpy", ">1.8,<2|==1.7", null);
        assertSpec("numpy >1.8,<2|==1.7,!=1.9,~=1.7.1 py34_0", "numpy", ">1.8,<2|==1.7,!=1.9,~=1.7.1", "py34_0");
        assertSpec("*>1.8,<2|==1.7", null, ">1.8,<2|==1.7", null);
        assertSpec("* >1.8,<2|==1.7", null, ">1.8,<2|==1.7", null);
        assertSpec("numpy >=1.0 , < 2.0 py34_0", "numpy", ">=1.0,<2.0", "py34_0");
        assertSpec("numpy >=1.0 , < 2.0 =py34_0", "numpy", ">=1.0,<2.0", "py34_0");
        assertSpec("numpy 1.2.3=0", "numpy", "1.2.3", "0");
        assertSpec("zlib 1.2.7 0", "zlib", "1.2.7", "0");
        assertSpec("python (>=3.8,<3.10)|(>=3.11,<3.13)", "python", ">=3.8,<3.10|>=3.11,<3.13", null);
        assertSpec("numpy >=1.8,(<2|>=1.7.1)", "numpy", ">=1.8,(<2|>=1.7.1)", null);
        assertSpec("openssl 1.0.1*", "openssl", "1.0.1.*", null);
        assertSpec("python 2.7*", "python", "2.7.*", null);
    }

    private static void assertSpec(String text, String name, String version, String build) {
        MatchSpec s = MatchSpec.parse(text);
        assertEquals(name, s.name(), text + " name");
        assertEquals(version, s.version() == null ? null : s.version().toString(), text + " version");
        assertEquals(build, s.build(), text + " build");
    }

    @Test
    void buildNumbers() {
        PackageRecord r = record("numpy", "1.11.0", "py34_7", 7);
        assertTrue(MatchSpec.parse("numpy<2").matches(r));
        assertTrue(MatchSpec.parse("numpy[version<2]").matches(r));
        assertTrue(MatchSpec.parse("numpy[version=<2]").matches(r));
        assertFalse(MatchSpec.parse("numpy>2").matches(r));
        assertFalse(MatchSpec.parse("numpy[version='>2']").matches(r));
        assertTrue(MatchSpec.parse("numpy[build_number='7']").matches(r));
        assertTrue(MatchSpec.parse("numpy[build_number='<8']").matches(r));
        assertFalse(MatchSpec.parse("numpy[build_number='>7']").matches(r));
        assertTrue(MatchSpec.parse("numpy[build_number='>=7']").matches(r));
        assertTrue(MatchSpec.parse("numpy[build_number='<=7']").matches(r));
        assertTrue(MatchSpec.parse("numpy[build_number='!=6']").matches(r));
        assertFalse(MatchSpec.parse("numpy[build_number='==6']").matches(r));
        assertTrue(MatchSpec.parse("numpy[build_number=*]").matches(r));
        assertTrue(MatchSpec.parse("numpy[build_number>=7]").matches(r));
        assertTrue(MatchSpec.parse("numpy ~=1.10").matches(r));
        assertTrue(MatchSpec.parse("numpy~=1.10").matches(r));
        assertEquals(
                "3", MatchSpec.parse("python[build_number=3]").buildNumber().toString());
        assertEquals(
                ">3", MatchSpec.parse("python[build_number='>3']").buildNumber().toString());
        assertEquals(
                "<=3",
                MatchSpec.parse("python[build_number='<=3']").buildNumber().toString());
        assertTrue(MatchSpec.parse("python[build_number=3]").buildNumber().isExact());
    }

    @Test
    void trackFeaturesCompareAsSets() {
        PackageRecord base = dpkg("foo-1.2.3-4.tar.bz2");
        assertFalse(MatchSpec.parse("*[features=test]").matches(base));
        MatchSpec test = MatchSpec.parse("*[track_features=test]");
        assertTrue(test.matches(base.toBuilder().trackFeatures(List.of("test")).build()));
        assertFalse(
                test.matches(base.toBuilder().trackFeatures(List.of("test2")).build()));
        assertFalse(test.matches(
                base.toBuilder().trackFeatures(List.of("test", "me")).build()));
        assertFalse(test.matches(
                base.toBuilder().trackFeatures(List.of("you", "test")).build()));
        MatchSpec mkl = MatchSpec.parse("mkl@");
        assertFalse(mkl.matches(base));
        assertTrue(mkl.matches(base.toBuilder().trackFeatures(List.of("mkl")).build()));
        assertFalse(mkl.matches(
                base.toBuilder().trackFeatures(List.of("mkl", "debug")).build()));
        assertFalse(MatchSpec.parse("*[track_features=nomkl]")
                .matches(base.toBuilder().trackFeatures(List.of("mkl")).build()));
        assertEquals(
                List.of("mkl", "debug"),
                MatchSpec.parse("foo[track_features='mkl,debug']").trackFeatures());
        assertTrue(MatchSpec.parse("foo[features='mkl debug']")
                .matches(base.toBuilder()
                        .name("foo")
                        .features(List.of("debug", "mkl"))
                        .build()));
    }

    @Test
    void licensesMatchCaseInsensitively() {
        PackageRecord r = PackageRecord.builder("numpy", "1.11.0")
                .build("py34_7")
                .buildNumber(7)
                .license("LGPLv3+")
                .extra(Map.of("license_family", "LGPL"))
                .build();
        for (String spec : new String[] {
            "*[license_family='LGPL']",
            "*[license_family='lgpl']",
            "*[license_family='*GP*']",
            "*[license_family='*gp*']",
            "*[license_family='*GPL*']",
            "*[license_family='*gpl*']",
            "*[license='*gpl*']",
            "*[license='*v3+']"
        }) {
            assertTrue(MatchSpec.parse(spec).matches(r), spec);
        }
        assertFalse(MatchSpec.parse("*[license=MIT]").matches(r));
        assertFalse(MatchSpec.parse("*[license_family=MIT]").matches(r));
    }

    @Test
    void buildStringGlobs() {
        PackageRecord red = record("my_pkg", "1.17.3", "red_habc123_3", 3);
        PackageRecord blue = record("my_pkg", "1.17.3", "blue_hdef1234_3", 3);
        assertTrue(MatchSpec.parse("my_pkg=1.17.*").matches(red));
        assertTrue(MatchSpec.parse("my_pkg=1.17.*").matches(blue));
        assertTrue(MatchSpec.parse("my_pkg=1.17.*=red_*").matches(red));
        assertFalse(MatchSpec.parse("my_pkg=1.17.*=red_*").matches(blue));
        assertTrue(MatchSpec.parse("my_pkg=1.17.*=blue_hdef1234_*").matches(blue));
        assertTrue(MatchSpec.parse("my_pkg=1.17.*=red_habc123_3").matches(red));
        assertFalse(MatchSpec.parse("my_pkg=1.17.*=red_habc123_3").matches(blue));
        assertTrue(MatchSpec.parse("my_pkg=1.17.*=*red*").matches(red));
        assertFalse(MatchSpec.parse("my_pkg=1.17.*=*red*").matches(blue));
        assertTrue(MatchSpec.parse("my_pkg=1.17.*=*_3").matches(blue));
        assertFalse(MatchSpec.parse("my_pkg=1.17.*=*_2").matches(blue));
        assertTrue(MatchSpec.parse("my_pkg=1.17.*=*_habc123_3").matches(red));
        assertFalse(MatchSpec.parse("my_pkg=1.17.*=*_habc123_3").matches(blue));
        assertTrue(MatchSpec.parse("my_pkg * *mkl*").matches(record("my_pkg", "1", "py27_mkl_0", 0)));
        assertTrue(MatchSpec.parse("my_pkg[build='^red_h[a-f0-9]+_3$']").matches(red));
        assertFalse(MatchSpec.parse("my_pkg[build='^red_h[a-f0-9]+_3$']").matches(blue));
        assertFalse(MatchSpec.parse("my_pkg * RED*").matches(red), "build strings are case-sensitive");
    }

    @Test
    void namesAreGlobsAndCaseInsensitive() {
        PackageRecord r = record("python-dateutil", "2.8", "py_0", 0);
        assertTrue(MatchSpec.parse("python-*").matches(r));
        assertTrue(MatchSpec.parse("Python-DateUtil").matches(r));
        assertFalse(MatchSpec.parse("python").matches(r));
        assertTrue(MatchSpec.parse("*").matches(r));
        assertTrue(MatchSpec.parse("^python-.*$").matches(r));
        assertFalse(MatchSpec.parse("python-*").hasExactName());
        assertTrue(MatchSpec.parse("python").hasExactName());
    }

    @Test
    void hashesAndFileFieldsMatchExactly() {
        PackageRecord r = dpkg("numpy-1.7.1-py27_0.tar.bz2").toBuilder()
                .sha256("ab12")
                .url("https://x/numpy.tar.bz2")
                .build();
        assertTrue(MatchSpec.parse("numpy[md5=012345789]").matches(r));
        assertFalse(MatchSpec.parse("numpy[md5=0123]").matches(r));
        assertTrue(MatchSpec.parse("*[sha256=ab12]").matches(r));
        assertTrue(MatchSpec.parse("numpy[fn=numpy-1.7.1-py27_0.tar.bz2]").matches(r));
        assertFalse(MatchSpec.parse("numpy[fn=numpy-1.7.1-py27_0.conda]").matches(r));
        assertTrue(MatchSpec.parse("numpy[url='https://x/numpy.tar.bz2']").matches(r));
        assertEquals("012345789", MatchSpec.parse("numpy[md5=012345789]").md5());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "blas [optional",
                "blas [test=]",
                "blas[invalid=\"1\"]",
                "!xyz 1.3",
                "",
                "   ",
                "# only",
                "numpy >=1..2",
                "numpy[version=1.2",
                "numpy[version='1.2]",
                "numpy[version=1.2][build=0]",
                "numpy]",
                "numpy 1.2,,3",
                "numpy ==",
                "numpy <=",
                "numpy,>1",
                "numpy[build_number=abc]",
                "numpy[version='>=1.0' 'x']",
                "numpy (1.2",
                "numpy[build='^[a$']",
                "*/lin(ux-65::f/o>=>1y",
                "^(aaaa$",
                "pkg 4.2.2<6.0.0",
                "pkg>=0.10.0,<1.0.0<py312|>=0.13.0,<1.0.0>=py312",
                "package[build=]",
                "python[when=__win]"
            })
    void rejectsInvalidSpecs(String spec) {
        assertThrows(MatchSpecParseException.class, () -> MatchSpec.parse(spec));
    }

    @Test
    void errorsSayWhereAndWhy() {
        assertError("numpy >=1..2", "empty version component", 11);
        assertError("numpy[version=1.2", "'[' is never closed", 6);
        assertError("numpy[foo=1]", "unknown bracket key 'foo'", 7);
        assertError("numpy 1.2,,3", "expected a version between ',' and ','", 11);
        assertError(">=1.2", "no package name found before '>'", 1);
        assertError("numpy[version=1.2] x[build=0]", "multiple bracket sections are not allowed", 21);
        assertError("numpy] x", "']' without a matching '['", 6);
        assertError("numpy[version]", "expected '=' after bracket key 'version'", 14);
        assertError("numpy[version=1.2][build=0]", "multiple bracket sections are not allowed", 19);
        assertError("numpy[version='>=1..2']", "in version: empty version component", 20);
        assertError("numpy[build_number=x1]", "in build_number: a build number is a non-negative integer", 20);
        assertError("numpy,>1", "invalid character ',' in package name 'numpy,'", 6);
        assertError("numpy[build=]", "empty value for bracket key 'build'", 13);
        assertError("numpy=1..2", "empty version component", 9);
        assertError("numpy==1..2", "empty version component", 10);
        assertError("numpy = 1..2 py27_0", "empty version component", 11);
        assertError("numpy ~=1", "'~=' needs a version with at least two components", 9);
        MatchSpecParseException e = assertThrows(MatchSpecParseException.class, () -> MatchSpec.parse("numpy >=1..2"));
        assertEquals("invalid match spec 'numpy >=1..2': empty version component (at column 11)", e.getMessage());
        assertTrue(e instanceof IllegalArgumentException);
    }

    private static void assertError(String spec, String reason, int column) {
        MatchSpecParseException e = assertThrows(MatchSpecParseException.class, () -> MatchSpec.parse(spec));
        assertTrue(e.getMessage().contains(reason), spec + " -> " + e.getMessage());
        assertEquals(column, e.column(), spec + " -> " + e.getMessage());
        assertTrue(e.getMessage().startsWith("invalid match spec '" + spec + "'"), e.getMessage());
    }

    @Test
    void bracketsAnywhereAndPipExtrasAreIgnoredLikeConda() {
        MatchSpec ray = MatchSpec.parse("ray[default,data] >=2.9.0,<3.0.0");
        assertEquals("ray[version='>=2.9.0,<3.0.0']", ray.toString());
        assertEquals("numpy==1.2=py27_0", m("numpy[build=py27_0] 1.2"));
        MatchSpec glob = MatchSpec.parse("pytorch 1.*.*");
        assertEquals("pytorch[version='1.*.*']", glob.toString());
        assertFalse(glob.matches(record("pytorch", "1.0", "0", 0)));
        assertTrue(glob.matches(record("pytorch", "1.0.1", "0", 0)));
        assertEquals(glob, MatchSpec.parse(glob.toString()));
    }

    @Test
    void recordsWithUnparsableVersionsMatchNoVersionConstraint() {
        PackageRecord bad = record("weird", "1..2", "0", 0);
        assertFalse(MatchSpec.parse("weird >=1").matches(bad));
        assertTrue(MatchSpec.parse("weird").matches(bad));
        assertTrue(MatchSpec.parse("weird *").matches(bad));
    }

    @Test
    void repodataDependsForms() {
        // the shapes found in real repodata depends lists
        PackageRecord py = record("python", "2.7.18", "h15b4118_1", 1);
        assertTrue(MatchSpec.parse("python 2.7*").matches(py));
        assertTrue(MatchSpec.parse("python >=2.7,<2.8.0a0").matches(py));
        assertTrue(MatchSpec.parse("python_abi 3.9.* *_cp39").matches(record("python_abi", "3.9", "2_cp39", 2)));
        assertTrue(MatchSpec.parse("libgcc-ng >=7.5.0").matches(record("libgcc-ng", "9.3.0", "h5101ec6_17", 17)));
        assertTrue(MatchSpec.parse("openssl >=1.1.1g,<1.1.2a").matches(record("openssl", "1.1.1k", "h27cfd23_0", 0)));
        assertTrue(MatchSpec.parse("openssl 1.0.1*").matches(record("openssl", "1.0.1c", "0", 0)));
        assertTrue(MatchSpec.parse("__glibc >=2.17").matches(record("__glibc", "2.28", "0", 0)));
        assertTrue(MatchSpec.parse("blas * mkl").matches(record("blas", "1.0", "mkl", 0)));
        assertTrue(MatchSpec.parse("numpy >=1.11,<2.0a0").matches(record("numpy", "1.19.2", "py38h54aff64_0", 0)));
        assertFalse(MatchSpec.parse("numpy >=1.11,<2.0a0").matches(record("numpy", "2.0.0rc1", "py38_0", 0)));
    }
}
