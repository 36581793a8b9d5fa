package io.rio.sample.it.existing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/** The existing application's repository: used by its own REST resource and by a Rio step alike. */
@ApplicationScoped
public class Products {
    @PersistenceContext(unitName = "shop")
    EntityManager em;

    @Transactional
    public long add(String name) {
        Product p = new Product(name);
        em.persist(p);
        em.flush();
        return p.getId();
    }

    public List<String> names() {
        return em.createQuery("SELECT p.name FROM Product p ORDER BY p.id", String.class).getResultList();
    }
}
