package io.rio.cdi;

import io.rio.cdi.internal.DeploymentMessages;
import io.rio.cdi.internal.HandlerModel;
import io.rio.cdi.internal.HandlerScanner;
import io.rio.cdi.internal.MethodHandleInvoker;
import io.rio.cdi.internal.ServiceModel;
import io.rio.core.model.HandlerDefinition;
import io.rio.core.model.ServiceDefinition;
import io.rio.core.model.ServiceRegistry;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CDI portable extension of Rio. At deployment it finds every bean annotated {@code @Service},
 * {@code @VirtualObject} or {@code @Workflow}, validates its handlers and builds the immutable
 * {@link ServiceRegistry} the engine serves. Invalid classes fail the deployment with messages that name
 * the class, the method and the fix (ids {@code RIO-Dnnn}, see {@link DeploymentMessages}).
 *
 * <p>Other beans obtain the registry with {@code beanManager.getExtension(RioExtension.class).registry()}.
 *
 * <p>Thread safety: the container calls the observers on one thread; {@link #registry()} is safe to call
 * from any thread once the deployment is validated.
 */
public class RioExtension implements Extension {

    private final Map<Bean<?>, ServiceModel> models = new LinkedHashMap<>();
    private volatile ServiceRegistry registry;

    /** Scans each managed bean that is a Rio service, object or workflow. */
    <T> void scan(@Observes ProcessManagedBean<T> event) {
        Class<?> beanClass = event.getAnnotatedBeanClass().getJavaClass();
        if (HandlerScanner.kindOf(beanClass).isEmpty()) {
            return;
        }
        HandlerScanner.Result result = HandlerScanner.scan(beanClass);
        result.problems().forEach(p -> event.addDefinitionError(new DefinitionException(p)));
        result.model().ifPresent(m -> models.put(event.getBean(), m));
    }

    /** Checks names across the deployment and builds the registry. */
    void validate(@Observes AfterDeploymentValidation event, BeanManager beanManager) {
        Map<String, ServiceModel> byName = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (ServiceModel m : models.values()) {
            ServiceModel earlier = byName.putIfAbsent(m.name(), m);
            if (earlier != null) {
                problems.add(DeploymentMessages.duplicateService(m.name(), earlier.beanClass(), m.beanClass()));
            }
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> event.addDeploymentProblem(new DeploymentException(p)));
            return;
        }
        List<ServiceDefinition> definitions = new ArrayList<>();
        models.forEach((bean, model) -> definitions.add(define(bean, model, beanManager)));
        registry = new ServiceRegistry(definitions);
    }

    private static ServiceDefinition define(Bean<?> bean, ServiceModel model, BeanManager beanManager) {
        Map<String, HandlerDefinition> handlers = new LinkedHashMap<>();
        for (HandlerModel h : model.handlers()) {
            MethodHandleInvoker invoker = new MethodHandleInvoker(h.method(), () -> reference(bean, beanManager));
            handlers.put(h.name(), new HandlerDefinition(model.name(), h.name(), h.kind(), h.inputType(),
                    h.outputType(), invoker, DeploymentMessages.describe(h.method()), h.method().getName(), h.cron(), h.access()));
        }
        return new ServiceDefinition(model.name(), model.kind(), model.beanClass(), handlers);
    }

    /** A contextual reference (for a normal-scoped bean, its client proxy). */
    private static Object reference(Bean<?> bean, BeanManager beanManager) {
        Type type = bean.getTypes().contains(bean.getBeanClass()) ? bean.getBeanClass() : Object.class;
        return beanManager.getReference(bean, type, beanManager.createCreationalContext(bean));
    }

    /**
     * The services of this deployment.
     *
     * @throws IllegalStateException before the deployment is validated, or if it failed
     */
    public ServiceRegistry registry() {
        ServiceRegistry r = registry;
        if (r == null) {
            throw new IllegalStateException("The Rio service registry is not built: the deployment is not validated"
                    + " yet, or it failed (see the RIO-D errors in the deployment log)");
        }
        return r;
    }

    /** The registry if the deployment has been validated. */
    public Optional<ServiceRegistry> registryIfBuilt() {
        return Optional.ofNullable(registry);
    }
}
