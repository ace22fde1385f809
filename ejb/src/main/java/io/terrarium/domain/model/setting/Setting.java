package io.terrarium.domain.model.setting;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.util.Objects;

/**
 * One stored setting value at one scope, like conda-store's key-value store: the prefix is {@code setting},
 * {@code setting/<namespace>} or {@code setting/<namespace>/<environment>}.
 */
@Entity
@Table(
        name = "setting",
        uniqueConstraints =
                @UniqueConstraint(
                        name = "uq_setting_prefix_key",
                        columnNames = {"prefix", "setting_key"}))
public class Setting {

    @Id
    @SequenceGenerator(name = "setting_seq", sequenceName = "setting_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "setting_seq")
    private Long id;

    @Column(name = "prefix", nullable = false, length = 600)
    private String prefix;

    @Column(name = "setting_key", nullable = false, length = 255)
    private String key;

    /** The value as JSON text. */
    @Lob
    @Column(name = "value_json", nullable = false)
    private String valueJson;

    protected Setting() {}

    public Setting(String prefix, String key, String valueJson) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.key = Objects.requireNonNull(key, "key");
        this.valueJson = Objects.requireNonNull(valueJson, "valueJson");
    }

    public Long getId() {
        return id;
    }

    public String getPrefix() {
        return prefix;
    }

    public String getKey() {
        return key;
    }

    public String getValueJson() {
        return valueJson;
    }

    public void setValueJson(String valueJson) {
        this.valueJson = Objects.requireNonNull(valueJson, "valueJson");
    }
}
