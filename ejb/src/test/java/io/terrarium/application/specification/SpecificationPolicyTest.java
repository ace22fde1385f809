package io.terrarium.application.specification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.application.settings.EffectiveSettings;
import io.terrarium.domain.model.specification.EnvironmentSpecification;
import io.terrarium.domain.model.specification.InvalidSpecificationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecificationPolicyTest {

    private static SpecificationPolicy policy(Map<String, Object> settings) {
        return new SpecificationPolicy(
                new EffectiveSettings(settings), c -> c.contains("://") ? c : "https://conda.anaconda.org/" + c);
    }

    @Test
    void emptyChannelsTakeTheDefaultChannels() {
        Map<String, Object> s = new HashMap<>();
        s.put("conda_default_channels", List.of("conda-forge"));
        EnvironmentSpecification spec =
                policy(s).apply(EnvironmentSpecification.parse("name: x\ndependencies: [numpy]"));
        assertEquals(List.of("conda-forge"), spec.channels());
    }

    @Test
    void channelsOutsideTheAllowListAreRefusedByNormalisedName() {
        Map<String, Object> s = new HashMap<>();
        s.put("conda_allowed_channels", List.of("https://conda.anaconda.org/conda-forge"));
        policy(s).apply(EnvironmentSpecification.parse("name: x\nchannels: [conda-forge]\ndependencies: [numpy]"));
        InvalidSpecificationException e = assertThrows(
                InvalidSpecificationException.class,
                () -> policy(s)
                        .apply(EnvironmentSpecification.parse(
                                "name: x\nchannels: [defaults, conda-forge]\ndependencies: [numpy]")));
        assertTrue(
                e.getMessage().startsWith("Conda channels [https://conda.anaconda.org/defaults] not allowed"),
                e.getMessage());
    }

    @Test
    void defaultIncludedAndRequiredPackages() {
        Map<String, Object> s = new HashMap<>();
        s.put("conda_default_packages", List.of("python"));
        s.put("conda_included_packages", List.of("ipykernel", "python>=3.9"));
        EnvironmentSpecification spec = policy(s).apply(EnvironmentSpecification.parse("name: x"));
        assertEquals(
                List.of("python", "ipykernel"), spec.condaDependencies(), "python is present, so not included again");
        // pip runs first, so a pip section (given or included) suppresses the conda defaults, as in conda-store
        s.put("pypi_included_packages", List.of("Requests_OAuthlib"));
        assertEquals(
                List.of("Requests_OAuthlib"),
                policy(s).apply(EnvironmentSpecification.parse("name: x")).pipDependencies());
        EnvironmentSpecification withPip = policy(s)
                .apply(EnvironmentSpecification.parse("name: x\ndependencies: [{pip: [requests-oauthlib==1.3]}]"));
        assertEquals(List.of("ipykernel", "python>=3.9"), withPip.condaDependencies());
        assertEquals(List.of("requests-oauthlib==1.3"), withPip.pipDependencies());

        Map<String, Object> required = new HashMap<>();
        required.put("conda_required_packages", List.of("python"));
        InvalidSpecificationException e = assertThrows(
                InvalidSpecificationException.class,
                () -> policy(required)
                        .apply(EnvironmentSpecification.parse("name: x\ndependencies: [conda-forge::numpy]")));
        assertEquals("Conda packages [python] required and missing from specification", e.getMessage());
        policy(required).apply(EnvironmentSpecification.parse("name: x\ndependencies: ['conda-forge::python >=3.10']"));
    }

    @Test
    void packageNamesAreReadFromMatchSpecs() {
        assertEquals("numpy", SpecificationPolicy.condaName("conda-forge::numpy>=1.20"));
        assertEquals("python", SpecificationPolicy.condaName("python 3.11.*"));
        assertEquals("requests-oauthlib", SpecificationPolicy.pipName("Requests_OAuthlib[extra]>=1"));
    }
}
