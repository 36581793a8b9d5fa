package io.rio.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import io.rio.spi.Membership;
import io.rio.spi.MembershipProvider;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.ArrayList;
import java.util.List;

/**
 * Rio's cluster membership on Hazelcast, as a CDI bean: Rio finds it through {@code Instance<MembershipProvider>}.
 *
 * <p>Which Hazelcast member it runs on, first match wins:
 * <ol>
 * <li>{@code rio.cluster.instance} set: the {@code HazelcastInstance} bound at that JNDI name (for example Payara's
 * {@code payara/Hazelcast}, usable only where the application does not bundle its own Hazelcast classes);</li>
 * <li>a resolvable CDI bean of type {@code HazelcastInstance} (an application's producer);</li>
 * <li>otherwise a member it starts itself, configured by the {@code rio.cluster.*} keys of {@link ClusterSettings}.</li>
 * </ol>
 * Only a member it started is shut down when the membership closes. {@code rio.cluster.min-members} applies to all
 * three.
 *
 * <p>Thread safety: {@link #start} may be called from any thread. Error handling: {@link #start} throws
 * {@link IllegalStateException} naming the {@code rio.cluster.*} key at fault.
 */
@ApplicationScoped
public class HazelcastMembershipProvider implements MembershipProvider {

    @Inject
    Instance<Config> configs;

    @Inject
    Instance<HazelcastInstance> instances;

    private final List<Membership> started = new ArrayList<>();

    @Override
    public Membership start(String nodeId) {
        Config config = configs != null && configs.isResolvable() ? configs.get() : ConfigProvider.getConfig();
        ClusterSettings settings = ClusterSettings.from(key -> config.getOptionalValue(key, String.class));
        HazelcastMembership membership;
        if (settings.instanceJndi() != null) {
            membership = HazelcastMembership.attach(lookup(settings.instanceJndi()), nodeId, settings.ingressUrl(),
                    ClusterSettings.INSTANCE + "=" + settings.instanceJndi(), settings.minMembers());
        } else if (instances != null && instances.isResolvable()) {
            membership = HazelcastMembership.attach(instances.get(), nodeId, settings.ingressUrl(),
                    "the CDI bean HazelcastInstance", settings.minMembers());
        } else {
            membership = HazelcastMembership.start(settings, nodeId);
        }
        synchronized (started) {
            started.add(membership);
        }
        return membership;
    }

    /** Closes what {@link #start} returned, in case Rio did not (closing twice is harmless). */
    @PreDestroy
    void closeAll() {
        List<Membership> all;
        synchronized (started) {
            all = List.copyOf(started);
            started.clear();
        }
        all.forEach(Membership::close);
    }

    private static HazelcastInstance lookup(String jndiName) {
        Object found;
        try {
            found = new InitialContext().lookup(jndiName);
        } catch (NamingException e) {
            throw new IllegalStateException("Cannot look up " + ClusterSettings.INSTANCE + " '" + jndiName + "': " + e, e);
        }
        if (found instanceof HazelcastInstance hz) {
            return hz;
        }
        throw new IllegalStateException(ClusterSettings.INSTANCE + " '" + jndiName + "' is "
                + (found == null ? "null" : found.getClass().getName() + " from another class loader or not a")
                + " com.hazelcast.core.HazelcastInstance of this application's Hazelcast classes");
    }
}
