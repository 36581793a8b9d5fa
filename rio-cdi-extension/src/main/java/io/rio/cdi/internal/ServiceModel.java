package io.rio.cdi.internal;

import io.rio.core.model.ServiceKind;
import java.util.List;

/**
 * A validated service, virtual object or workflow class, before it is bound to its bean.
 *
 * @param name      the durable name
 * @param kind      the kind
 * @param beanClass the bean class
 * @param handlers  its handlers, in declaration order
 */
public record ServiceModel(String name, ServiceKind kind, Class<?> beanClass, List<HandlerModel> handlers) {

    public ServiceModel {
        handlers = List.copyOf(handlers);
    }
}
