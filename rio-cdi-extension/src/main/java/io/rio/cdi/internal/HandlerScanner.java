package io.rio.cdi.internal;

import io.rio.api.Context;
import io.rio.api.Cron;
import io.rio.api.IngressPrivate;
import io.rio.core.model.HandlerAccess;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import io.rio.core.internal.CronExpression;
import io.rio.api.Handler;
import io.rio.api.Name;
import io.rio.api.ObjectContext;
import io.rio.api.Service;
import io.rio.api.Shared;
import io.rio.api.SharedObjectContext;
import io.rio.api.SharedWorkflowContext;
import io.rio.api.VirtualObject;
import io.rio.api.Workflow;
import io.rio.api.WorkflowContext;
import io.rio.core.model.HandlerKind;
import io.rio.core.model.ServiceKind;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one {@code @Service}, {@code @VirtualObject} or {@code @Workflow} class by reflection, validates
 * it and describes it as a {@link ServiceModel}. Every problem found is reported, not only the first.
 *
 * <p>Thread safety: stateless.
 */
public final class HandlerScanner {

    /** The name of a workflow's exclusive handler. */
    public static final String WORKFLOW_RUN = "run";

    /**
     * The outcome of a scan.
     *
     * @param model    the model, present only when there is no problem
     * @param problems deployment error messages (see {@link DeploymentMessages})
     */
    public record Result(Optional<ServiceModel> model, List<String> problems) {
        public Result {
            problems = List.copyOf(problems);
        }
    }

    private HandlerScanner() {
    }

    /** The Rio kind of {@code beanClass}, if it carries one of the three annotations. */
    public static Optional<ServiceKind> kindOf(Class<?> beanClass) {
        if (beanClass.isAnnotationPresent(Service.class)) {
            return Optional.of(ServiceKind.SERVICE);
        }
        if (beanClass.isAnnotationPresent(VirtualObject.class)) {
            return Optional.of(ServiceKind.VIRTUAL_OBJECT);
        }
        if (beanClass.isAnnotationPresent(Workflow.class)) {
            return Optional.of(ServiceKind.WORKFLOW);
        }
        return Optional.empty();
    }

    /** The durable name of a class: its {@code @Name}, else its simple name. */
    public static String durableName(Class<?> beanClass) {
        Name n = beanClass.getAnnotation(Name.class);
        return n != null ? n.value() : beanClass.getSimpleName();
    }

    /** Scans {@code beanClass}, which must carry one of the three annotations. */
    public static Result scan(Class<?> beanClass) {
        ServiceKind kind = kindOf(beanClass)
                .orElseThrow(() -> new IllegalArgumentException(beanClass + " is not a Rio service"));
        List<String> problems = new ArrayList<>();
        int kinds = (beanClass.isAnnotationPresent(Service.class) ? 1 : 0)
                + (beanClass.isAnnotationPresent(VirtualObject.class) ? 1 : 0)
                + (beanClass.isAnnotationPresent(Workflow.class) ? 1 : 0);
        if (kinds > 1) {
            problems.add(DeploymentMessages.severalKinds(beanClass));
        }
        Map<String, HandlerModel> byName = new LinkedHashMap<>();
        for (Method m : handlerMethods(beanClass)) {
            handler(kind, m, problems).ifPresent(h -> {
                HandlerModel earlier = byName.putIfAbsent(h.name(), h);
                if (earlier != null) {
                    problems.add(DeploymentMessages.duplicateHandler(beanClass, h.name(), earlier.method(), m));
                }
            });
        }
        if (byName.isEmpty() && problems.isEmpty()) {
            problems.add(DeploymentMessages.noHandlers(beanClass, "@" + stereotype(kind)));
        } else if (kind == ServiceKind.WORKFLOW && problems.isEmpty()
                && byName.values().stream().noneMatch(h -> h.kind() == HandlerKind.WORKFLOW_RUN)) {
            problems.add(DeploymentMessages.workflowWithoutRun(beanClass));
        }
        if (!problems.isEmpty()) {
            return new Result(Optional.empty(), problems);
        }
        return new Result(Optional.of(new ServiceModel(durableName(beanClass), kind, beanClass,
                new ArrayList<>(byName.values()))), problems);
    }

    private static String stereotype(ServiceKind kind) {
        return switch (kind) {
            case SERVICE -> "Service";
            case VIRTUAL_OBJECT -> "VirtualObject";
            case WORKFLOW -> "Workflow";
        };
    }

    /** Methods annotated {@code @Handler} or {@code @Shared}, subclass first, overridden ones once. */
    private static List<Method> handlerMethods(Class<?> beanClass) {
        List<Method> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Class<?> c = beanClass; c != null && c != Object.class; c = c.getSuperclass()) {
            Method[] declared = c.getDeclaredMethods();
            Arrays.sort(declared, (a, b) -> a.getName().compareTo(b.getName()));
            for (Method m : declared) {
                if (m.isSynthetic() || m.isBridge()) {
                    continue;
                }
                String signature = m.getName() + Arrays.toString(m.getParameterTypes());
                boolean annotated = m.isAnnotationPresent(Handler.class) || m.isAnnotationPresent(Shared.class);
                if (seen.add(signature) && annotated) {
                    result.add(m);
                }
            }
        }
        return result;
    }

    private static Optional<HandlerModel> handler(ServiceKind serviceKind, Method m, List<String> problems) {
        int before = problems.size();
        if (!Modifier.isPublic(m.getModifiers()) || Modifier.isStatic(m.getModifiers())) {
            problems.add(DeploymentMessages.notPublicInstanceMethod(m));
        }
        boolean shared = m.isAnnotationPresent(Shared.class);
        Name n = m.getAnnotation(Name.class);
        String name = n != null ? n.value() : m.getName();
        HandlerKind kind;
        Class<?> expected;
        String description;
        switch (serviceKind) {
            case SERVICE -> {
                if (shared) {
                    problems.add(DeploymentMessages.sharedOnService(m));
                }
                kind = HandlerKind.STATELESS;
                expected = Context.class;
                description = "a handler of a @Service";
            }
            case VIRTUAL_OBJECT -> {
                kind = shared ? HandlerKind.SHARED : HandlerKind.EXCLUSIVE;
                expected = shared ? SharedObjectContext.class : ObjectContext.class;
                description = shared ? "a @Shared handler of a @VirtualObject"
                        : "an exclusive handler of a @VirtualObject";
            }
            default -> {
                if (!shared && !WORKFLOW_RUN.equals(name)) {
                    problems.add(DeploymentMessages.exclusiveWorkflowHandler(m, name));
                }
                kind = shared ? HandlerKind.SHARED : HandlerKind.WORKFLOW_RUN;
                expected = shared ? SharedWorkflowContext.class : WorkflowContext.class;
                description = shared ? "a @Shared handler of a @Workflow" : "the run handler of a @Workflow";
            }
        }
        Class<?>[] params = m.getParameterTypes();
        if (params.length == 0 || !Context.class.isAssignableFrom(params[0])) {
            problems.add(DeploymentMessages.missingContext(m, expected));
        } else if (params[0] != expected) {
            problems.add(DeploymentMessages.wrongContext(m, params[0], expected, description));
        }
        if (params.length > 2) {
            problems.add(DeploymentMessages.tooManyInputs(m));
        }
        Type input = params.length == 2 ? m.getGenericParameterTypes()[1] : null;
        Type output = m.getReturnType() == void.class || m.getReturnType() == Void.class ? null : m.getGenericReturnType();
        if (input != null) {
            JsonbTypeRule.problem(input).ifPresent(p -> problems.add(DeploymentMessages.badInputType(m, input, p)));
        }
        if (output != null) {
            JsonbTypeRule.problem(output).ifPresent(p -> problems.add(DeploymentMessages.badOutputType(m, output, p)));
        }
        Cron cron = m.getAnnotation(Cron.class);
        if (cron != null) {
            if (serviceKind != ServiceKind.SERVICE || input != null) {
                problems.add(DeploymentMessages.cronTarget(m));
            }
            try {
                CronExpression.parse(cron.value());
            } catch (IllegalArgumentException e) {
                problems.add(DeploymentMessages.badCron(m, cron.value(), e.getMessage()));
            }
        }
        HandlerAccess access = access(m, problems);
        return problems.size() == before
                ? Optional.of(new HandlerModel(m, name, kind, input, output, cron == null ? null : cron.value(), access))
                : Optional.empty();
    }

    /**
     * Who may call {@code m} through the ingress: Jakarta Annotations' {@code @RolesAllowed}, {@code @PermitAll}
     * and {@code @DenyAll} on the method, else on its class (the method's own annotation wins, as for
     * enterprise beans), and Rio's {@code @IngressPrivate} on either.
     */
    static HandlerAccess access(Method m, List<String> problems) {
        boolean ingressPrivate = m.isAnnotationPresent(IngressPrivate.class)
                || m.getDeclaringClass().isAnnotationPresent(IngressPrivate.class);
        int onMethod = (m.isAnnotationPresent(RolesAllowed.class) ? 1 : 0) + (m.isAnnotationPresent(PermitAll.class) ? 1 : 0)
                + (m.isAnnotationPresent(DenyAll.class) ? 1 : 0);
        if (onMethod > 1) {
            problems.add(DeploymentMessages.conflictingAccess(m));
            return HandlerAccess.PUBLIC;
        }
        java.lang.reflect.AnnotatedElement source = m;
        if (onMethod == 0) {
            Class<?> type = m.getDeclaringClass();
            int onClass = (type.isAnnotationPresent(RolesAllowed.class) ? 1 : 0)
                    + (type.isAnnotationPresent(PermitAll.class) ? 1 : 0);
            if (onClass > 1) {
                problems.add(DeploymentMessages.conflictingAccess(type));
                return HandlerAccess.PUBLIC;
            }
            source = type;
        }
        if (source.isAnnotationPresent(DenyAll.class)) {
            return new HandlerAccess(ingressPrivate, true, Set.of());
        }
        RolesAllowed roles = source.getAnnotation(RolesAllowed.class);
        if (roles == null) {
            return new HandlerAccess(ingressPrivate, false, Set.of());
        }
        Set<String> names = new LinkedHashSet<>();
        for (String role : roles.value()) {
            if (role == null || role.isBlank()) {
                problems.add(DeploymentMessages.blankRole(m));
                return HandlerAccess.PUBLIC;
            }
            names.add(role.trim());
        }
        return new HandlerAccess(ingressPrivate, names.isEmpty(), names);
    }
}
