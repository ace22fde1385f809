package io.terrarium.infrastructure.persistence;

import io.terrarium.domain.model.setting.Setting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/**
 * Stores setting values per scope prefix ({@code setting}, {@code setting/ns}, {@code setting/ns/env}).
 */
@ApplicationScoped
public class SettingRepository {

    @PersistenceContext(unitName = "terrarium")
    private EntityManager em;

    public List<Setting> atPrefix(String prefix) {
        return em.createQuery("SELECT s FROM Setting s WHERE s.prefix = :p", Setting.class)
                .setParameter("p", prefix)
                .getResultList();
    }

    public Optional<Setting> find(String prefix, String key) {
        return em.createQuery("SELECT s FROM Setting s WHERE s.prefix = :p AND s.key = :k", Setting.class)
                .setParameter("p", prefix)
                .setParameter("k", key)
                .getResultStream()
                .findFirst();
    }

    public void put(String prefix, String key, String valueJson) {
        find(prefix, key)
                .ifPresentOrElse(s -> s.setValueJson(valueJson), () -> em.persist(new Setting(prefix, key, valueJson)));
    }
}
