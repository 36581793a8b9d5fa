package io.rio.cdi.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Every deployment error the Rio extension reports, each with a stable id ({@code RIO-Dnnn}) so users
 * can search for it. Each message names the class, the method (where there is one) and the fix.
 *
 * <p>Thread safety: stateless.
 */
public final class DeploymentMessages {

    private DeploymentMessages() {
    }

    /** A handler whose first parameter is not a Rio context. */
    public static String missingContext(Method m, Class<?> expected) {
        return "RIO-D001 Handler " + describe(m) + " does not take a context as its first parameter. Fix: declare "
                + expected.getSimpleName() + " as the first parameter, e.g. " + m.getName() + "("
                + expected.getSimpleName() + " ctx" + (m.getParameterCount() > 0 ? ", <input>" : "") + ").";
    }

    /** A handler whose context parameter is not the one its kind receives. */
    public static String wrongContext(Method m, Class<?> declared, Class<?> expected, String kindDescription) {
        return "RIO-D002 Handler " + describe(m) + " takes " + declared.getSimpleName() + " but it is " + kindDescription
                + ", which receives " + expected.getSimpleName() + ". Fix: change the first parameter to "
                + expected.getSimpleName() + (declared.getSimpleName().equals("ObjectContext")
                        && expected.getSimpleName().equals("SharedObjectContext")
                                ? " (a @Shared handler only reads state), or remove @Shared to make it exclusive" : "")
                + ".";
    }

    /** {@code @Shared} on a handler of a service. */
    public static String sharedOnService(Method m) {
        return "RIO-D003 Handler " + describe(m) + " is @Shared, but " + m.getDeclaringClass().getSimpleName()
                + " is a @Service: services have no key and no state, so all their handlers already run concurrently."
                + " Fix: replace @Shared with @Handler, or make the class a @VirtualObject.";
    }

    /** More than one input parameter. */
    public static String tooManyInputs(Method m) {
        return "RIO-D004 Handler " + describe(m) + " has " + (m.getParameterCount() - 1)
                + " input parameters after the context; a handler takes at most one input (its JSON body)."
                + " Fix: combine the inputs into one record or class, e.g. record " + capitalize(m.getName())
                + "Request(...).";
    }

    /** Two handlers of one class with the same durable name. */
    public static String duplicateHandler(Class<?> beanClass, String name, Method first, Method second) {
        return "RIO-D005 Class " + beanClass.getName() + " has two handlers named '" + name + "': " + describe(first)
                + " and " + describe(second) + ". Fix: rename one method or give it a distinct @Name(\"...\").";
    }

    /** Two services of the deployment with the same durable name. */
    public static String duplicateService(String name, Class<?> first, Class<?> second) {
        return "RIO-D006 Two services are named '" + name + "': " + first.getName() + " and " + second.getName()
                + ". Fix: rename one class or give it a distinct @Name(\"...\").";
    }

    /** A workflow without a {@code run} handler. */
    public static String workflowWithoutRun(Class<?> beanClass) {
        return "RIO-D007 Workflow " + beanClass.getName() + " has no 'run' handler. Fix: add a method "
                + "@Handler public <Result> run(WorkflowContext ctx, <Input> input), or name an exclusive handler"
                + " @Name(\"run\").";
    }

    /** An input type JSON-B cannot read. */
    public static String badInputType(Method m, Type type, String reason) {
        return "RIO-D008 Handler " + describe(m) + " takes input type " + type.getTypeName()
                + ", which JSON-B cannot read: " + reason + ". Fix: use a concrete JSON type (String, a number,"
                + " boolean, an enum, a record, a class with a public no-arg constructor or a @JsonbCreator,"
                + " or a List/Set/Map/array of these).";
    }

    /** An output type JSON-B cannot write or read back. */
    public static String badOutputType(Method m, Type type, String reason) {
        return "RIO-D009 Handler " + describe(m) + " returns " + type.getTypeName()
                + ", which JSON-B cannot write and read back: " + reason + ". Fix: return a concrete JSON type"
                + " (String, a number, boolean, an enum, a record, a class with a public no-arg constructor or a"
                + " @JsonbCreator, or a List/Set/Map/array of these), or void.";
    }

    /** A class with no handler at all. */
    public static String noHandlers(Class<?> beanClass, String stereotype) {
        return "RIO-D010 " + stereotype + " " + beanClass.getName() + " has no handler. Fix: annotate at least one"
                + " public method with @Handler" + (stereotype.equals("@Service") ? "" : " or @Shared")
                + ", or remove " + stereotype + ".";
    }

    /** A handler that is static or not public. */
    public static String notPublicInstanceMethod(Method m) {
        return "RIO-D011 Handler " + describe(m) + " must be a public instance method (it is called through the"
                + " bean's CDI proxy). Fix: make it public and not static.";
    }

    /** A class annotated with more than one of {@code @Service}, {@code @VirtualObject}, {@code @Workflow}. */
    public static String severalKinds(Class<?> beanClass) {
        return "RIO-D012 Class " + beanClass.getName() + " is annotated with more than one of @Service,"
                + " @VirtualObject and @Workflow. Fix: keep exactly one.";
    }

    /** A workflow handler other than {@code run} that is not shared. */
    public static String exclusiveWorkflowHandler(Method m, String name) {
        return "RIO-D013 Handler " + describe(m) + " of a @Workflow is named '" + name + "' and is not @Shared; a"
                + " workflow has exactly one exclusive handler, 'run'. Fix: annotate it @Shared and take"
                + " SharedWorkflowContext, or name it run.";
    }

    /** {@code @Cron} on a handler that takes input or does not belong to a {@code @Service}. */
    public static String cronTarget(Method m) {
        return "RIO-D014 Handler " + describe(m) + " is annotated @Cron but a schedule can only start a handler of a"
                + " @Service that takes no input. Fix: move it to a @Service handler without an input parameter.";
    }

    /** A {@code @Cron} expression that does not parse. */
    public static String badCron(Method m, String expression, String reason) {
        return "RIO-D015 Handler " + describe(m) + " has an invalid @Cron(\"" + expression + "\"): " + reason
                + ". Fix: write six fields, second minute hour day-of-month month day-of-week, e.g. \"0 */5 * * * *\".";
    }

    /** More than one of {@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll} on one method or class. */
    public static String conflictingAccess(java.lang.reflect.AnnotatedElement where) {
        String what = where instanceof Method m ? "Handler " + describe(m) : "Class " + ((Class<?>) where).getName();
        return "RIO-D017 " + what + " carries more than one of @RolesAllowed, @PermitAll and @DenyAll, so who may"
                + " call it through the ingress is ambiguous. Fix: keep exactly one.";
    }

    /** {@code @RolesAllowed} naming an empty role. */
    public static String blankRole(Method m) {
        return "RIO-D018 Handler " + describe(m) + " (or its class) has @RolesAllowed with an empty role name."
                + " Fix: name the roles, e.g. @RolesAllowed(\"clerk\"), or use @DenyAll to refuse every ingress caller.";
    }

    /** The Rio data source could not be found. */
    public static String dataSourceNotFound(String key, String jndiName, Exception cause) {
        return "RIO-R001 Rio cannot find its data source: the JNDI name '" + jndiName + "' (from the config key "
                + key + ") is not bound (" + cause + "). Fix: define a data source with that JNDI name in the"
                + " server, or set " + key + " to the JNDI name of an existing one.";
    }

    /** A config value that cannot be read. */
    public static String badConfig(String key, String value, String expected) {
        return "RIO-R002 The config value " + key + "=" + value + " is invalid: expected " + expected + ".";
    }

    /** A readable name of a method: {@code com.acme.Counter#add(ObjectContext, long)}. */
    public static String describe(Method m) {
        return m.getDeclaringClass().getName() + "#" + m.getName() + "("
                + Arrays.stream(m.getGenericParameterTypes()).map(DeploymentMessages::simpleName)
                        .collect(Collectors.joining(", "))
                + ")";
    }

    private static String simpleName(Type t) {
        return t instanceof Class<?> c ? c.getSimpleName() : t.getTypeName();
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** A persistence unit of the application writes elsewhere than Rio's journal. */
    public static String unitOnAnotherDataSource(PersistenceUnits.Unit unit, String rioDataSource) {
        return "RIO-D016 The persistence unit '" + unit.name() + "' (" + unit.declaredIn() + ") writes to " + unit.dataSource()
                + ", Rio's journal to " + rioDataSource + " (" + RioSettings.DATASOURCE + "). A step that writes "
                + "through that unit enlists both in one transaction, which non-XA data sources refuse, and the step "
                + "fails. Put both on one data source: give the unit <jta-data-source>" + rioDataSource
                + "</jta-data-source>, or make that data source the server's default (Payara: asadmin set "
                + "resources.jdbc-resource.jdbc/__default.pool-name=<your pool>; WildFly: /subsystem=ee/service="
                + "default-bindings:write-attribute(name=datasource,value=<your data source>)) and leave "
                + RioSettings.DATASOURCE + " unset; or use XA data sources for both.";
    }
}
